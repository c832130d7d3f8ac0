ALTER TABLE "warning_received_alerts" ADD COLUMN "signature" text DEFAULT 'unsigned' NOT NULL;--> statement-breakpoint
ALTER TABLE "warning_received_alerts" ADD COLUMN "signature_note" text;