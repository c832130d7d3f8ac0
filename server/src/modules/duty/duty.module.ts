import type { YingjiModule } from "../../platform/module.ts";
import { dutyRoutes } from "./duty.routes.ts";
import { dutyTodo } from "./duty.todo.ts";

export const dutyModule: YingjiModule = { name: "duty", routes: dutyRoutes, todo: [dutyTodo] };
