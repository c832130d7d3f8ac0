import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  CreateInspectionInput, CreateMovementInput, IdParams, Inspection, Movement, MovementListQuery, Ok, pageOf, Requisition, SetMinimumInput, StockAlert,
  StockAlertQuery, StockLine, StockQuery,
} from "@yingji/contracts";
import type { AppContext } from "../../platform/module.ts";
import { acceptRawUploads, uploadedFile } from "../../platform/files.ts";
import { actorOf } from "../../platform/http.ts";
import { registryRoutes, type RegistryRefs } from "../../platform/registry.ts";
import { listIncidentTypes } from "../incidents/incident-types.service.ts";
import { incidentInScope } from "../incidents/incidents.service.ts";
import { materialItemsRegistry, requisitionsRegistry, warehousesRegistry } from "./materials.registry.ts";
import { addRequisitionDocument } from "./requisitions.service.ts";
import { inspectWarehouse, listInspections, listMovements, listStock, postMovement, setMinimum, stockAlerts } from "./stock.service.ts";

export async function materialsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = ctx;
  const tags = ["materials"];
  const read = { permission: "resources.read" } as const;
  const move = { permission: "materials.move" } as const;
  const refs: RegistryRefs = { incidentTypes: listIncidentTypes, incidentInScope };

  await registryRoutes(app, ctx, warehousesRegistry, refs);
  await registryRoutes(app, ctx, materialItemsRegistry, refs);
  await registryRoutes(app, ctx, requisitionsRegistry, refs);

  r.get("/api/stock", {
    schema: { tags, summary: "Stock per warehouse × item × batch, with minimum, expiry and alerts", querystring: StockQuery, response: { 200: pageOf(StockLine) } },
    config: read,
  }, async (req) => listStock(db, actorOf(req), config, req.query));

  r.get("/api/stock/alerts", {
    schema: { tags, summary: "Below minimum, expiring within N days, not inspected for N days", querystring: StockAlertQuery, response: { 200: z.array(StockAlert) } },
    config: read,
  }, async (req) => stockAlerts(db, actorOf(req), config, req.query));

  r.put("/api/stock/minimum", {
    schema: { tags, summary: "Set the minimum reserve (最低储备) of an item in a warehouse", body: SetMinimumInput, response: { 200: Ok } },
    config: move,
  }, async (req) => setMinimum(db, actorOf(req), req.body));

  r.get("/api/stock-movements", {
    schema: { tags, summary: "Stock movements, newest first", querystring: MovementListQuery, response: { 200: pageOf(Movement) } },
    config: read,
  }, async (req) => listMovements(db, actorOf(req), req.query));

  r.post("/api/stock-movements", {
    schema: { tags, summary: "Post a movement (in, out, transfer, adjust); below zero → 422, nothing written", body: CreateMovementInput, response: { 201: z.array(Movement) } },
    config: move,
  }, async (req, reply) => reply.status(201).send(await postMovement(db, actorOf(req), req.body)));

  r.get("/api/warehouses/:id/inspections", {
    schema: { tags, summary: "Inspections (盘点) of a warehouse, newest first", params: IdParams, response: { 200: z.array(Inspection) } },
    config: read,
  }, async (req) => listInspections(db, actorOf(req), req.params.id));

  r.post("/api/warehouses/:id/inspections", {
    schema: { tags, summary: "Record counted quantities; differences are posted as adjustments", params: IdParams, body: CreateInspectionInput, response: { 201: Inspection } },
    config: move,
  }, async (req, reply) => reply.status(201).send(await inspectWarehouse(db, actorOf(req), req.params.id, req.body)));

  await app.register(async (uploads) => {
    acceptRawUploads(uploads);
    uploads.withTypeProvider<ZodTypeProvider>().post("/api/requisitions/:id/documents", {
      schema: { tags, summary: "Attach a document (receipt, valuation, decision) to a requisition", params: IdParams, response: { 201: Requisition } },
      config: { permission: "materials.write" },
    }, async (req, reply) => reply.status(201).send(await addRequisitionDocument(db, config, actorOf(req), req.params.id, uploadedFile(req))));
  });
}
