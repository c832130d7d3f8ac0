CREATE TABLE "incident_ontime_months" (
	"month" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"reports" integer NOT NULL,
	"on_time" integer NOT NULL,
	CONSTRAINT "incident_ontime_months_month_unit_id_pk" PRIMARY KEY("month","unit_id")
);
--> statement-breakpoint
CREATE TABLE "incident_ontime_months_done" (
	"month" text PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "initial_reported_at" timestamp with time zone;