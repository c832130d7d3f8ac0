import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IncidentType } from "@yingji/contracts";
import type { AppContext } from "../../platform/module.ts";
import { listIncidentTypes } from "./incident-types.service.ts";

export async function incidentTypesRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<ZodTypeProvider>().get("/api/incident-types", {
    schema: { tags: ["incidents"], summary: "The incident-type tree (flat, with parentId and code)", response: { 200: z.array(IncidentType) } },
    config: { permission: "org.read" },
  }, async () => listIncidentTypes(ctx.db));
}
