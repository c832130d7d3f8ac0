import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams, Shelter, ShelterCoverage, ShelterInspection, ShelterInspectionInput, ShelterStatusInput } from "@yingji/contracts";
import type { AppContext } from "../../platform/module.ts";
import { actorOf } from "../../platform/http.ts";
import { registryRoutes, type RegistryRefs } from "../../platform/registry.ts";
import { listIncidentTypes } from "../incidents/incident-types.service.ts";
import { incidentInScope } from "../incidents/incidents.service.ts";
import { sheltersRegistry } from "./shelters.registry.ts";
import { addShelterInspection, listShelterInspections, setShelterStatus, shelterCoverage } from "./shelters.service.ts";

export async function sheltersRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = ctx;
  const tags = ["shelters"];
  const refs: RegistryRefs = { incidentTypes: listIncidentTypes, incidentInScope };

  // Before the registry's /:id routes, so that "coverage" is not taken for an id.
  r.get("/api/shelters/coverage", {
    schema: { tags, summary: "Per town: population against shelter capacity", response: { 200: ShelterCoverage } },
    config: { permission: "resources.read" },
  }, async (req) => shelterCoverage(db, actorOf(req), config));

  await registryRoutes(app, ctx, sheltersRegistry, refs);

  r.post("/api/shelters/:id/status", {
    schema: { tags, summary: "Open, close or report the occupancy of a shelter (full at capacity)", params: IdParams, body: ShelterStatusInput, response: { 200: Shelter } },
    config: { permission: "shelters.operate" },
  }, async (req) => setShelterStatus(db, actorOf(req), req.params.id, req.body));

  r.get("/api/shelters/:id/inspections", {
    schema: { tags, summary: "Inspections of a shelter, newest first", params: IdParams, response: { 200: z.array(ShelterInspection) } },
    config: { permission: "resources.read" },
  }, async (req) => listShelterInspections(db, actorOf(req), req.params.id));

  r.post("/api/shelters/:id/inspections", {
    schema: { tags, summary: "Record an inspection of a shelter", params: IdParams, body: ShelterInspectionInput, response: { 201: ShelterInspection } },
    config: { permission: "shelters.operate" },
  }, async (req, reply) => reply.status(201).send(await addShelterInspection(db, actorOf(req), req.params.id, req.body)));
}
