-- Incident reports are evidence: once submitted, never changed or removed (a correction is a new
-- report). The same holds for their forwarding steps, attachments and the leaders' instructions.
CREATE OR REPLACE FUNCTION incident_evidence_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER incident_reports_no_change BEFORE UPDATE OR DELETE ON incident_reports FOR EACH ROW EXECUTE FUNCTION incident_evidence_refuse_change();--> statement-breakpoint
CREATE TRIGGER incident_reports_no_truncate BEFORE TRUNCATE ON incident_reports FOR EACH STATEMENT EXECUTE FUNCTION incident_evidence_refuse_change();--> statement-breakpoint
CREATE TRIGGER incident_report_forwards_no_change BEFORE UPDATE OR DELETE ON incident_report_forwards FOR EACH ROW EXECUTE FUNCTION incident_evidence_refuse_change();--> statement-breakpoint
CREATE TRIGGER incident_report_attachments_no_change BEFORE UPDATE OR DELETE ON incident_report_attachments FOR EACH ROW EXECUTE FUNCTION incident_evidence_refuse_change();--> statement-breakpoint
CREATE TRIGGER incident_instructions_no_change BEFORE UPDATE OR DELETE ON incident_instructions FOR EACH ROW EXECUTE FUNCTION incident_evidence_refuse_change();--> statement-breakpoint
-- Default reporting deadlines (rules.md); an administrator changes the minutes, not the code.
INSERT INTO incident_report_rules (key, minutes, description) VALUES
  ('initial_phone.I', 30, '初报（电话）：特别重大 I 级'),
  ('initial_phone.II', 30, '初报（电话）：重大 II 级'),
  ('initial.I', 60, '初报（书面）：特别重大 I 级'),
  ('initial.II', 60, '初报（书面）：重大 II 级'),
  ('initial.III', 60, '初报（书面）：较大 III 级'),
  ('initial.IV', 120, '初报（书面）：一般 IV 级'),
  ('initial.sensitive', 120, '初报（书面）：敏感、舆情事件（未确认）'),
  ('forward', 120, '逐级上报：每一级审核转报'),
  ('followup.I', 720, '续报间隔：I 级（每日至少两次，未确认）'),
  ('followup.II', 720, '续报间隔：II 级（每日至少两次，未确认）'),
  ('followup.III', 1440, '续报间隔：III 级（每日至少一次，未确认）'),
  ('followup.IV', 1440, '续报间隔：IV 级（每日至少一次，未确认）'),
  ('final', 10080, '终报：应急响应结束后 7 日内（未确认）')
ON CONFLICT (key) DO NOTHING;
