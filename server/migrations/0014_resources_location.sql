-- Registry rows carry their owning unit's path (their data scope), kept by triggers whoever
-- writes, as people.unit_path is (0003).
CREATE OR REPLACE FUNCTION registry_set_unit_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.unit_path := (SELECT path FROM org_units WHERE id = NEW.unit_id);
  IF NEW.unit_path IS NULL THEN
    RAISE EXCEPTION 'unit % does not exist', NEW.unit_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER teams_unit_path BEFORE INSERT OR UPDATE OF unit_id ON teams FOR EACH ROW EXECUTE FUNCTION registry_set_unit_path();--> statement-breakpoint
CREATE TRIGGER experts_unit_path BEFORE INSERT OR UPDATE OF unit_id ON experts FOR EACH ROW EXECUTE FUNCTION registry_set_unit_path();--> statement-breakpoint
CREATE TRIGGER volunteers_unit_path BEFORE INSERT OR UPDATE OF unit_id ON volunteers FOR EACH ROW EXECUTE FUNCTION registry_set_unit_path();--> statement-breakpoint
CREATE TRIGGER warehouses_unit_path BEFORE INSERT OR UPDATE OF unit_id ON warehouses FOR EACH ROW EXECUTE FUNCTION registry_set_unit_path();--> statement-breakpoint
CREATE TRIGGER material_items_unit_path BEFORE INSERT OR UPDATE OF unit_id ON material_items FOR EACH ROW EXECUTE FUNCTION registry_set_unit_path();--> statement-breakpoint
CREATE TRIGGER requisitions_unit_path BEFORE INSERT OR UPDATE OF unit_id ON requisitions FOR EACH ROW EXECUTE FUNCTION registry_set_unit_path();--> statement-breakpoint
CREATE TRIGGER shelters_unit_path BEFORE INSERT OR UPDATE OF unit_id ON shelters FOR EACH ROW EXECUTE FUNCTION registry_set_unit_path();--> statement-breakpoint
CREATE OR REPLACE FUNCTION org_units_cascade_registry_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE teams SET unit_path = NEW.path WHERE unit_id = NEW.id;
  UPDATE experts SET unit_path = NEW.path WHERE unit_id = NEW.id;
  UPDATE volunteers SET unit_path = NEW.path WHERE unit_id = NEW.id;
  UPDATE warehouses SET unit_path = NEW.path WHERE unit_id = NEW.id;
  UPDATE material_items SET unit_path = NEW.path WHERE unit_id = NEW.id;
  UPDATE requisitions SET unit_path = NEW.path WHERE unit_id = NEW.id;
  UPDATE shelters SET unit_path = NEW.path WHERE unit_id = NEW.id;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER org_units_path_to_registries AFTER UPDATE OF path ON org_units FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION org_units_cascade_registry_path();--> statement-breakpoint
-- Nearest search and map: GiST (cube) indexes on the earth position of every located registry;
-- earth_box(...) @> ll_to_earth(lat, lon) uses them, earth_distance orders the few rows found.
CREATE INDEX teams_earth_gist ON teams USING gist (ll_to_earth(lat, lon)) WHERE active;--> statement-breakpoint
CREATE INDEX experts_earth_gist ON experts USING gist (ll_to_earth(lat, lon)) WHERE active;--> statement-breakpoint
CREATE INDEX volunteers_earth_gist ON volunteers USING gist (ll_to_earth(lat, lon)) WHERE active;--> statement-breakpoint
CREATE INDEX warehouses_earth_gist ON warehouses USING gist (ll_to_earth(lat, lon)) WHERE active;--> statement-breakpoint
CREATE INDEX shelters_earth_gist ON shelters USING gist (ll_to_earth(lat, lon)) WHERE active;--> statement-breakpoint
-- Movements and inspections are the evidence stock is computed from: append-only.
CREATE OR REPLACE FUNCTION resources_evidence_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER stock_movements_no_change BEFORE UPDATE OR DELETE ON stock_movements FOR EACH ROW EXECUTE FUNCTION resources_evidence_refuse_change();--> statement-breakpoint
CREATE TRIGGER stock_movements_no_truncate BEFORE TRUNCATE ON stock_movements FOR EACH STATEMENT EXECUTE FUNCTION resources_evidence_refuse_change();--> statement-breakpoint
CREATE TRIGGER warehouse_inspections_no_change BEFORE UPDATE OR DELETE ON warehouse_inspections FOR EACH ROW EXECUTE FUNCTION resources_evidence_refuse_change();--> statement-breakpoint
CREATE TRIGGER shelter_inspections_no_change BEFORE UPDATE OR DELETE ON shelter_inspections FOR EACH ROW EXECUTE FUNCTION resources_evidence_refuse_change();
