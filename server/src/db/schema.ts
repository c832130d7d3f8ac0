/** Every table, for drizzle-kit and for typed queries. */
export * from "../platform/platform.table.ts";
export * from "../modules/org/org.table.ts";
export * from "../modules/incidents/incident-types.table.ts";
export * from "../platform/events.table.ts";
export * from "../modules/duty/duty.table.ts";
export * from "../modules/incidents/incidents.table.ts";
export * from "../modules/teams/teams.table.ts";
export * from "../modules/materials/materials.table.ts";
export * from "../modules/shelters/shelters.table.ts";
export * from "../modules/warnings/warnings.table.ts";
export * from "../modules/warnings/feeds.table.ts";
export * from "../platform/todo/todo.table.ts";
export * from "../platform/actions/actions.table.ts";
export * from "../modules/plans/plans.table.ts";
