ALTER TABLE "incidents" ADD COLUMN "location_source" text DEFAULT 'gps' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "place_unit_id" uuid;