-- plans.unit_path and corrective_actions.unit_path are the owning unit's path, kept like the registries' (0014).
CREATE TRIGGER plans_unit_path BEFORE INSERT OR UPDATE OF unit_id ON plans FOR EACH ROW EXECUTE FUNCTION registry_set_unit_path();--> statement-breakpoint
CREATE TRIGGER corrective_actions_unit_path BEFORE INSERT OR UPDATE OF unit_id ON corrective_actions FOR EACH ROW EXECUTE FUNCTION registry_set_unit_path();
