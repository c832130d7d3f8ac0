import type { YingjiModule } from "../../platform/module.ts";
import { teamsRoutes } from "./teams.routes.ts";
import { teamsTodo } from "./teams.todo.ts";

export const teamsModule: YingjiModule = { name: "teams", routes: teamsRoutes, todo: [teamsTodo] };
