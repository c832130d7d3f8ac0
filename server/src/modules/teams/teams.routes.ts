import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../platform/module.ts";
import { registryRoutes, type RegistryRefs } from "../../platform/registry.ts";
import { listIncidentTypes } from "../incidents/incident-types.service.ts";
import { incidentInScope } from "../incidents/incidents.service.ts";
import { expertsRegistry, teamsRegistry, volunteersRegistry } from "./teams.registry.ts";

/** Rescue teams, experts and volunteers: the generic registry routes, nothing of their own. */
export async function teamsRoutes(app: FastifyInstance, ctx: AppContext) {
  const refs: RegistryRefs = { incidentTypes: listIncidentTypes, incidentInScope };
  await registryRoutes(app, ctx, teamsRegistry, refs);
  await registryRoutes(app, ctx, expertsRegistry, refs);
  await registryRoutes(app, ctx, volunteersRegistry, refs);
}
