import type { YingjiModule } from "../../platform/module.ts";
import { warningFeedsRoutes } from "./feeds.routes.ts";
import { warningsRoutes } from "./warnings.routes.ts";
import { todoPushChannel } from "./warnings.todo-alerts.ts";
import { warningsTodo } from "./warnings.todo.ts";

// The delivery workers and the feed poller still start in app.ts (their settings are being reworked there).
export const warningsModule: YingjiModule = {
  name: "warnings",
  async routes(app, ctx) {
    await warningsRoutes(app, ctx);
    await warningFeedsRoutes(app, ctx);
  },
  todo: [warningsTodo],
  todoAlerts: [todoPushChannel],
};
