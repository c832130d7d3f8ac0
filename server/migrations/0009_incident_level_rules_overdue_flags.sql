CREATE TABLE "incident_level_rules" (
	"level" text PRIMARY KEY NOT NULL,
	"dead" integer NOT NULL,
	"seriously_injured" integer NOT NULL,
	"direct_loss" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "incident_types" ADD COLUMN "casualty_supplement_days" integer;--> statement-breakpoint
ALTER TABLE "incident_flags" ADD COLUMN "deadline_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_flags_deadline_uq" ON "incident_flags" USING btree ("incident_id","kind","deadline_key") WHERE deadline_key is not null;--> statement-breakpoint
CREATE INDEX "incidents_not_closed_idx" ON "incidents" USING btree ("learned_at") WHERE status <> 'closed';