-- The arrival of each incident's initial report, for incidents recorded before the column existed.
UPDATE incidents i SET initial_reported_at = r.submitted_at
FROM incident_reports r
WHERE r.incident_id = i.id AND r.kind = 'initial' AND i.initial_reported_at IS NULL;
