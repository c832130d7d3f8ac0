import type { YingjiModule } from "../../platform/module.ts";
import { orgRoutes } from "./org.routes.ts";
import { peopleRoutes } from "./people.routes.ts";

export const orgModule: YingjiModule = {
  name: "org",
  async routes(app, ctx) {
    await orgRoutes(app, ctx);
    await peopleRoutes(app, ctx);
  },
};
