-- people.unit_path is the unit's path, copied so that the directory's scope filter and its
-- order (unit, sort, name) are served by one index. Triggers keep the copy true whoever writes.
CREATE OR REPLACE FUNCTION people_set_unit_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.unit_path := (SELECT path FROM org_units WHERE id = NEW.unit_id);
  IF NEW.unit_path IS NULL THEN
    RAISE EXCEPTION 'unit % does not exist', NEW.unit_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER people_unit_path BEFORE INSERT OR UPDATE OF unit_id ON people FOR EACH ROW EXECUTE FUNCTION people_set_unit_path();--> statement-breakpoint
CREATE OR REPLACE FUNCTION org_units_cascade_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE people SET unit_path = NEW.path WHERE unit_id = NEW.id;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER org_units_path_to_people AFTER UPDATE OF path ON org_units FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION org_units_cascade_path();
