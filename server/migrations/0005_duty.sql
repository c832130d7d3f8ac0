CREATE TABLE "duty_key_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"min_officers" integer NOT NULL,
	"leader_required" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"shift_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"content" text NOT NULL,
	"corrects_id" uuid,
	"author_name" text,
	"exercise" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"officer_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"leader_id" uuid,
	"exercise" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_spot_check_draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"unit_ids" uuid[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_spot_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"method" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"answered" boolean NOT NULL,
	"answer_seconds" integer,
	"officer_present" boolean NOT NULL,
	"leader_present" boolean NOT NULL,
	"log_complete" boolean NOT NULL,
	"note" text,
	"passed" boolean NOT NULL,
	"faults" text[] DEFAULT '{}'::text[] NOT NULL,
	"exercise" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_swaps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"shift_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"from_person_id" uuid NOT NULL,
	"to_person_id" uuid NOT NULL,
	"reason" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decision_note" text
);
--> statement-breakpoint
CREATE INDEX "duty_key_periods_time_idx" ON "duty_key_periods" USING btree ("ends_at","starts_at");--> statement-breakpoint
CREATE INDEX "duty_logs_shift_idx" ON "duty_logs" USING btree ("shift_id","at");--> statement-breakpoint
CREATE INDEX "duty_logs_unit_idx" ON "duty_logs" USING btree ("org_unit_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "duty_shifts_unit_start_uq" ON "duty_shifts" USING btree ("org_unit_id","starts_at","exercise");--> statement-breakpoint
CREATE INDEX "duty_shifts_time_idx" ON "duty_shifts" USING btree ("starts_at","ends_at");--> statement-breakpoint
CREATE INDEX "duty_spot_check_draws_unit_idx" ON "duty_spot_check_draws" USING btree ("org_unit_id","created_at");--> statement-breakpoint
CREATE INDEX "duty_spot_checks_unit_idx" ON "duty_spot_checks" USING btree ("org_unit_id","at");--> statement-breakpoint
CREATE INDEX "duty_spot_checks_at_idx" ON "duty_spot_checks" USING btree ("at");--> statement-breakpoint
CREATE INDEX "duty_swaps_shift_idx" ON "duty_swaps" USING btree ("shift_id");--> statement-breakpoint
CREATE INDEX "duty_swaps_unit_idx" ON "duty_swaps" USING btree ("org_unit_id","status");