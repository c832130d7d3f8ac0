CREATE TABLE "warning_acks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"warning_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_id" uuid NOT NULL,
	"by_name" text NOT NULL,
	"note" text,
	"late" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"warning_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"kind" text DEFAULT 'warning' NOT NULL,
	"person_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"channel" text NOT NULL,
	"address" text,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"claimed_by" text,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"last_error" text,
	"provider_id" text
);
--> statement-breakpoint
CREATE TABLE "warning_escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"warning_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"phones" jsonb NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"done_note" text
);
--> statement-breakpoint
CREATE TABLE "warning_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"warning_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"measures" text NOT NULL,
	"response_level" text NOT NULL,
	"people_sent" integer NOT NULL,
	"teams_sent" integer NOT NULL,
	"watchers" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_id" uuid NOT NULL,
	"by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_push_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"person_id" uuid,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_received_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"identifier" text NOT NULL,
	"sender" text NOT NULL,
	"sent" text NOT NULL,
	"msg_type" text NOT NULL,
	"status" text NOT NULL,
	"xml" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"warning_id" uuid,
	"feed_id" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"received_by" uuid,
	"unit_path" "ltree" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"warning_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"town_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"warning_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"identifier" text,
	"level" text NOT NULL,
	"headline" text NOT NULL,
	"description" text NOT NULL,
	"instruction" text NOT NULL,
	"area" jsonb NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_id" uuid,
	"by_name" text
);
--> statement-breakpoint
CREATE TABLE "warnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"status" text NOT NULL,
	"origin" text NOT NULL,
	"level" text NOT NULL,
	"incident_type_id" uuid,
	"headline" text NOT NULL,
	"description" text NOT NULL,
	"instruction" text DEFAULT '' NOT NULL,
	"area" jsonb NOT NULL,
	"targets" jsonb NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	"exercise" boolean DEFAULT false NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"identifier" text,
	"sender" text,
	"revision" integer DEFAULT 0 NOT NULL,
	"relay_of_id" uuid,
	"received_alert_id" uuid,
	"drafter_id" uuid,
	"drafter_name" text,
	"approver_id" uuid,
	"approver_name" text,
	"reject_note" text,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
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
ALTER TABLE "warning_acks" ADD CONSTRAINT "warning_acks_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_escalations" ADD CONSTRAINT "warning_escalations_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_feedback" ADD CONSTRAINT "warning_feedback_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_targets" ADD CONSTRAINT "warning_targets_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_versions" ADD CONSTRAINT "warning_versions_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_feed_entries" ADD CONSTRAINT "warning_feed_entries_feed_id_warning_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."warning_feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "warning_acks_uq" ON "warning_acks" USING btree ("warning_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "warning_deliveries_key_uq" ON "warning_deliveries" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "warning_deliveries_due_idx" ON "warning_deliveries" USING btree ("next_attempt_at") WHERE status in ('queued', 'sending');--> statement-breakpoint
CREATE INDEX "warning_deliveries_warning_idx" ON "warning_deliveries" USING btree ("warning_id","channel","status");--> statement-breakpoint
CREATE INDEX "warning_deliveries_person_idx" ON "warning_deliveries" USING btree ("person_id","channel");--> statement-breakpoint
CREATE UNIQUE INDEX "warning_escalations_uq" ON "warning_escalations" USING btree ("warning_id","unit_id");--> statement-breakpoint
CREATE INDEX "warning_escalations_open_idx" ON "warning_escalations" USING btree ("created_at") WHERE done_at is null;--> statement-breakpoint
CREATE INDEX "warning_feedback_warning_idx" ON "warning_feedback" USING btree ("warning_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "warning_push_endpoint_uq" ON "warning_push_subscriptions" USING btree ("endpoint");--> statement-breakpoint
CREATE INDEX "warning_push_person_idx" ON "warning_push_subscriptions" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "warning_received_alerts_uq" ON "warning_received_alerts" USING btree ("sender","identifier");--> statement-breakpoint
CREATE INDEX "warning_received_alerts_warning_idx" ON "warning_received_alerts" USING btree ("warning_id");--> statement-breakpoint
CREATE UNIQUE INDEX "warning_targets_uq" ON "warning_targets" USING btree ("warning_id","unit_id");--> statement-breakpoint
CREATE INDEX "warning_targets_unit_path_gist" ON "warning_targets" USING gist ("unit_path");--> statement-breakpoint
CREATE INDEX "warning_targets_due_idx" ON "warning_targets" USING btree ("due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "warning_versions_uq" ON "warning_versions" USING btree ("warning_id","revision");--> statement-breakpoint
CREATE INDEX "warnings_unit_path_gist" ON "warnings" USING gist ("unit_path");--> statement-breakpoint
CREATE INDEX "warnings_status_idx" ON "warnings" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "warnings_created_idx" ON "warnings" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "warnings_received_alert_uq" ON "warnings" USING btree ("received_alert_id");--> statement-breakpoint
CREATE INDEX "warning_feeds_due_idx" ON "warning_feeds" USING btree ("next_poll_at") WHERE "warning_feeds"."enabled";