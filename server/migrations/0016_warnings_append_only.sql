-- Warnings are evidence: received CAP documents, the versions of a warning, acknowledgements and
-- response feedback are never changed or removed once written (a change is a new row).
CREATE OR REPLACE FUNCTION warning_evidence_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER warning_received_alerts_no_change BEFORE UPDATE OR DELETE ON warning_received_alerts FOR EACH ROW EXECUTE FUNCTION warning_evidence_refuse_change();--> statement-breakpoint
CREATE TRIGGER warning_versions_no_change BEFORE UPDATE OR DELETE ON warning_versions FOR EACH ROW EXECUTE FUNCTION warning_evidence_refuse_change();--> statement-breakpoint
CREATE TRIGGER warning_acks_no_change BEFORE UPDATE OR DELETE ON warning_acks FOR EACH ROW EXECUTE FUNCTION warning_evidence_refuse_change();--> statement-breakpoint
CREATE TRIGGER warning_feedback_no_change BEFORE UPDATE OR DELETE ON warning_feedback FOR EACH ROW EXECUTE FUNCTION warning_evidence_refuse_change();--> statement-breakpoint
CREATE TRIGGER warning_targets_no_change BEFORE UPDATE OR DELETE ON warning_targets FOR EACH ROW EXECUTE FUNCTION warning_evidence_refuse_change();--> statement-breakpoint
CREATE TRIGGER warning_evidence_no_truncate BEFORE TRUNCATE ON warning_received_alerts FOR EACH STATEMENT EXECUTE FUNCTION warning_evidence_refuse_change();--> statement-breakpoint
-- Sequence number N of our own CAP identifiers (…_YYYYMMDDhhmmss_N).
CREATE SEQUENCE IF NOT EXISTS warning_identifier_seq;
