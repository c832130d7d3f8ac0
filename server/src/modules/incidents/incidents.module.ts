import type { YingjiModule } from "../../platform/module.ts";
import { incidentTypesRoutes } from "./incident-types.routes.ts";
import { startOverdueWorker } from "./incidents.overdue.ts";
import { incidentsRoutes } from "./incidents.routes.ts";
import { incidentsTodo } from "./incidents.todo.ts";

export const incidentsModule: YingjiModule = {
  name: "incidents",
  async routes(app, ctx) {
    await incidentTypesRoutes(app, ctx);
    await incidentsRoutes(app, ctx);
  },
  // The deadline worker: overdue flags raised once, ended months' statistics kept.
  workers: [(ctx, log) => startOverdueWorker(ctx.database, ctx.config.DEADLINE_SCAN_SECONDS, (e) => log(e, "deadline scan failed"))],
  todo: [incidentsTodo],
};
