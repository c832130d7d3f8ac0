import type { YingjiModule } from "../../platform/module.ts";
import { mapRoutes } from "./map.routes.ts";

export const mapModule: YingjiModule = { name: "map", routes: mapRoutes };
