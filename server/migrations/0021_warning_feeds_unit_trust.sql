DROP INDEX "warning_received_alerts_uq";--> statement-breakpoint
ALTER TABLE "warning_feeds" ADD COLUMN "senders" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "warning_received_alerts_unit_uq" ON "warning_received_alerts" USING btree ("unit_path","sender","identifier");