CREATE TABLE "warning_feed_entries" (
	"feed_id" uuid NOT NULL,
	"link" text NOT NULL,
	"warning_id" uuid,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "warning_feed_entries_feed_id_link_pk" PRIMARY KEY("feed_id","link")
);
--> statement-breakpoint
CREATE TABLE "warning_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"interval_seconds" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"next_poll_at" timestamp with time zone,
	"last_polled_at" timestamp with time zone,
	"last_status" text,
	"last_error" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_imported" integer DEFAULT 0 NOT NULL,
	"total_imported" integer DEFAULT 0 NOT NULL,
	"etag" text,
	"last_modified" text
);
--> statement-breakpoint
ALTER TABLE "warning_feed_entries" ADD CONSTRAINT "warning_feed_entries_feed_id_warning_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."warning_feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "warning_feeds_due_idx" ON "warning_feeds" USING btree ("next_poll_at") WHERE "warning_feeds"."enabled";