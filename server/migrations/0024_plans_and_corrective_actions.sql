CREATE TABLE "corrective_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"source" text NOT NULL,
	"source_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" DEFAULT ''::ltree NOT NULL,
	"owner_person_id" uuid,
	"title" text NOT NULL,
	"detail" text,
	"deadline" date NOT NULL,
	"plan_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"evidence_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"change_note" text,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"person_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"document_file_id" uuid,
	"document_html" text,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"file_by" date,
	"filed_at" timestamp with time zone,
	"filed_with_unit_id" uuid
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" DEFAULT ''::ltree NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"incident_type_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"catalogue_entry_id" uuid,
	"current_version_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"parent_plan_id" uuid
);
--> statement-breakpoint
CREATE INDEX "corrective_actions_source_idx" ON "corrective_actions" USING btree ("source","source_id");--> statement-breakpoint
CREATE INDEX "corrective_actions_unit_path_gist" ON "corrective_actions" USING gist ("unit_path");--> statement-breakpoint
CREATE INDEX "corrective_actions_plan_idx" ON "corrective_actions" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_versions_uq" ON "plan_versions" USING btree ("plan_id","number");--> statement-breakpoint
CREATE INDEX "plan_versions_units_gin" ON "plan_versions" USING gin ("unit_ids");--> statement-breakpoint
CREATE INDEX "plan_versions_people_gin" ON "plan_versions" USING gin ("person_ids");--> statement-breakpoint
CREATE INDEX "plans_unit_path_gist" ON "plans" USING gist ("unit_path");--> statement-breakpoint
CREATE INDEX "plans_unit_idx" ON "plans" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "plans_types_gin" ON "plans" USING gin ("incident_type_ids");