-- App processes keep looked-up sessions in memory for a few seconds (platform/auth/sessions.ts).
-- Whatever changes who a session's actor is — the user row, a revoked session, the org tree
-- (a renamed or moved unit changes the actor's scope) — announces itself to every process,
-- whichever process or tool (the admin CLI) made it. Delivered at commit, once per transaction.
CREATE OR REPLACE FUNCTION yingji_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('yingji_sessions', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_sessions_changed AFTER UPDATE OR DELETE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION yingji_sessions_changed();
--> statement-breakpoint
CREATE TRIGGER sessions_revoked AFTER UPDATE OF revoked_at OR DELETE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION yingji_sessions_changed();
--> statement-breakpoint
CREATE TRIGGER org_units_sessions_changed AFTER UPDATE OR DELETE ON org_units
  FOR EACH STATEMENT EXECUTE FUNCTION yingji_sessions_changed();
