CREATE TABLE "incident_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"report_id" uuid,
	"unit_id" uuid NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"detail" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_idempotency" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"route" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_instructions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid NOT NULL,
	"by_name" text NOT NULL,
	"by_unit_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_report_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_report_forwards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"from_unit_id" uuid NOT NULL,
	"to_unit_id" uuid NOT NULL,
	"forwarded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"forwarded_by" uuid NOT NULL,
	"note" text,
	"due_at" timestamp with time zone NOT NULL,
	"late" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_report_rules" (
	"key" text PRIMARY KEY NOT NULL,
	"minutes" integer NOT NULL,
	"description" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "incident_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" integer NOT NULL,
	"corrects_id" uuid,
	"dead" integer DEFAULT 0 NOT NULL,
	"missing" integer DEFAULT 0 NOT NULL,
	"injured" integer DEFAULT 0 NOT NULL,
	"seriously_injured" integer DEFAULT 0 NOT NULL,
	"trapped" integer DEFAULT 0 NOT NULL,
	"direct_loss" bigint DEFAULT 0 NOT NULL,
	"level" text,
	"suggested_level" text NOT NULL,
	"body" text NOT NULL,
	"cause" text,
	"measures" text,
	"trend" text,
	"reporter_name" text NOT NULL,
	"reporter_phone" text,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"to_unit_id" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid NOT NULL,
	"due_at" timestamp with time zone,
	"late" boolean DEFAULT false NOT NULL,
	"response_ended" boolean DEFAULT false NOT NULL,
	"exercise" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"type_id" uuid NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"address" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"learned_at" timestamp with time zone NOT NULL,
	"dead" integer DEFAULT 0 NOT NULL,
	"missing" integer DEFAULT 0 NOT NULL,
	"injured" integer DEFAULT 0 NOT NULL,
	"seriously_injured" integer DEFAULT 0 NOT NULL,
	"trapped" integer DEFAULT 0 NOT NULL,
	"direct_loss" bigint DEFAULT 0 NOT NULL,
	"level" text NOT NULL,
	"initial_level" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"response_ended_at" timestamp with time zone,
	"sensitive" boolean DEFAULT false NOT NULL,
	"exercise" boolean DEFAULT false NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"recorded_by_unit_id" uuid NOT NULL,
	"phone_reported_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "incident_flags" ADD CONSTRAINT "incident_flags_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_instructions" ADD CONSTRAINT "incident_instructions_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_report_attachments" ADD CONSTRAINT "incident_report_attachments_report_id_incident_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."incident_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_report_forwards" ADD CONSTRAINT "incident_report_forwards_report_id_incident_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."incident_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_reports" ADD CONSTRAINT "incident_reports_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_flags_incident_idx" ON "incident_flags" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "incident_flags_kind_idx" ON "incident_flags" USING btree ("kind","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_idempotency_uq" ON "incident_idempotency" USING btree ("user_id","key");--> statement-breakpoint
CREATE INDEX "incident_instructions_incident_idx" ON "incident_instructions" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "incident_report_attachments_report_idx" ON "incident_report_attachments" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_report_forwards_step_uq" ON "incident_report_forwards" USING btree ("report_id","from_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_reports_number_uq" ON "incident_reports" USING btree ("incident_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_reports_one_initial_uq" ON "incident_reports" USING btree ("incident_id") WHERE kind = 'initial';--> statement-breakpoint
CREATE UNIQUE INDEX "incident_reports_one_final_uq" ON "incident_reports" USING btree ("incident_id") WHERE kind = 'final';--> statement-breakpoint
CREATE INDEX "incident_reports_unit_submitted_idx" ON "incident_reports" USING btree ("unit_id","submitted_at");--> statement-breakpoint
CREATE INDEX "incident_reports_submitted_idx" ON "incident_reports" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "incidents_unit_path_gist" ON "incidents" USING gist ("unit_path");--> statement-breakpoint
CREATE INDEX "incidents_occurred_idx" ON "incidents" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "incidents_learned_idx" ON "incidents" USING btree ("learned_at");