import type { YingjiModule } from "../../platform/module.ts";
import { materialsRoutes } from "./materials.routes.ts";
import { materialsTodo } from "./materials.todo.ts";

export const materialsModule: YingjiModule = { name: "materials", routes: materialsRoutes, todo: [materialsTodo] };
