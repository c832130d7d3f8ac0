import type { YingjiModule } from "../../platform/module.ts";
import { sheltersRoutes } from "./shelters.routes.ts";

export const sheltersModule: YingjiModule = { name: "shelters", routes: sheltersRoutes };
