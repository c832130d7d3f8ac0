-- Casualty supplement window (493号 Art. 13): 30 days from the occurrence, 7 for road traffic and fire accidents.
INSERT INTO incident_report_rules (key, minutes, description) VALUES
  ('casualty_supplement', 43200, '伤亡人数补报期：事故发生之日起 30 日内（道路交通、火灾事故 7 日，按事件类型设置）')
ON CONFLICT (key) DO NOTHING;--> statement-breakpoint
UPDATE incident_types SET casualty_supplement_days = 7 WHERE code IN ('21300', '22100') AND casualty_supplement_days IS NULL;--> statement-breakpoint
-- Level thresholds (生产安全事故报告和调查处理条例, 493号); "以上" includes the number.
INSERT INTO incident_level_rules (level, dead, seriously_injured, direct_loss) VALUES
  ('I', 30, 100, 100000000),
  ('II', 10, 50, 50000000),
  ('III', 3, 10, 10000000)
ON CONFLICT (level) DO NOTHING;
