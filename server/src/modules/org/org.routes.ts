import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ChecklistItem, ChecklistRollupRow, DutyPhone, CreateResponsibilityInput, CreateUnitInput, IdParams, ImportResult, LiaisonCoverage, MoveUnitInput,
  Ok, Responsibility, ResponsibilityQuery, SixInPlaceItem, Unit, UnitKindRow, UnitListQuery, UpdateChecklistInput, UpdateResponsibilityInput,
  UpdateUnitInput, Id, EmptyBody,
} from "@yingji/contracts";
import type { AppContext } from "../../platform/module.ts";
import { importAnswer, sendXlsx, templateWorkbook } from "../../platform/excel.ts";
import { acceptRawUploads, uploadedFile } from "../../platform/files.ts";
import { actorOf } from "../../platform/http.ts";
import { addChecklistEvidence, checklistRollup, getChecklist, updateChecklistItem } from "./checklist.service.ts";
import { exportUnits, importUnits, UNITS_SHEET } from "./org.excel.ts";
import { liaisonCoverage } from "./people.service.ts";
import { createResponsibility, deleteResponsibility, listResponsibilities, updateResponsibility } from "./responsibilities.service.ts";
import { createUnit, getUnit, listDutyPhones, listUnitKinds, listUnits, moveUnit, updateUnit } from "./units.service.ts";

const ChecklistParams = z.strictObject({ id: Id, item: SixInPlaceItem });

export async function orgRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = ctx;
  const tags = ["org"];
  const read = { permission: "org.read" } as const;
  const write = { permission: "org.units.write" } as const;

  r.get("/api/org/unit-kinds", { schema: { tags, summary: "Kinds of unit (data)", response: { 200: z.array(UnitKindRow) } }, config: read },
    async () => listUnitKinds(db));

  r.get("/api/org/units", {
    schema: { tags, summary: "Units in the caller's scope (all, or the children of parentId)", querystring: UnitListQuery, response: { 200: z.array(Unit) } },
    config: read,
  }, async (req) => listUnits(db, actorOf(req), req.query));

  r.get("/api/org/duty-phones", {
    schema: { tags, summary: "Duty phones of the caller's unit, the units above it and those directly below", response: { 200: z.array(DutyPhone) } },
    config: read,
  }, async (req) => listDutyPhones(db, actorOf(req)));

  r.get("/api/org/units/template.xlsx", { schema: { tags, summary: "Excel template for importing units" }, config: write },
    async (_req, reply) => sendXlsx(reply, "单位导入模板.xlsx", await templateWorkbook(UNITS_SHEET)));

  r.get("/api/org/units/export.xlsx", { schema: { tags, summary: "Export the units in scope to Excel" }, config: read },
    async (req, reply) => sendXlsx(reply, "单位.xlsx", await exportUnits(db, actorOf(req))));

  r.get("/api/org/units/:id", { schema: { tags, summary: "One unit", params: IdParams, response: { 200: Unit } }, config: read },
    async (req) => getUnit(db, actorOf(req), req.params.id));

  r.post("/api/org/units", { schema: { tags, summary: "Create a unit under a parent", body: CreateUnitInput, response: { 201: Unit } }, config: write },
    async (req, reply) => reply.status(201).send(await createUnit(db, actorOf(req), req.body)));

  r.patch("/api/org/units/:id", {
    schema: { tags, summary: "Rename, edit or deactivate a unit", params: IdParams, body: UpdateUnitInput, response: { 200: Unit } },
    config: write,
  }, async (req) => updateUnit(db, actorOf(req), req.params.id, req.body));

  r.post("/api/org/units/:id/move", {
    schema: { tags, summary: "Move a unit and its subtree under another parent", params: IdParams, body: MoveUnitInput, response: { 200: Unit } },
    config: { permission: "org.units.move" },
  }, async (req) => moveUnit(db, actorOf(req), req.params.id, req.body));

  r.get("/api/org/units/:id/checklist", {
    schema: { tags, summary: "The unit's six-in-place checklist (六落实)", params: IdParams, response: { 200: z.array(ChecklistItem) } },
    config: read,
  }, async (req) => getChecklist(db, actorOf(req), req.params.id));

  r.put("/api/org/units/:id/checklist/:item", {
    schema: { tags, summary: "Tick or untick one six-in-place item", params: ChecklistParams, body: UpdateChecklistInput, response: { 200: ChecklistItem } },
    config: { permission: "org.checklist.write" },
  }, async (req) => updateChecklistItem(db, actorOf(req), req.params.id, req.params.item, req.body));

  r.get("/api/org/checklist-rollup", {
    schema: { tags, summary: "Six-in-place completion per town, zone, subdistrict and department", response: { 200: z.array(ChecklistRollupRow) } },
    config: read,
  }, async (req) => checklistRollup(db, actorOf(req)));

  r.get("/api/org/liaison-coverage", {
    schema: { tags, summary: "Villages and communities with and without a liaison officer", response: { 200: LiaisonCoverage } },
    config: { permission: "people.read" },
  }, async (req) => liaisonCoverage(db, actorOf(req)));

  r.get("/api/org/responsibilities", {
    schema: { tags, summary: "The responsibility matrix", querystring: ResponsibilityQuery, response: { 200: z.array(Responsibility) } },
    config: read,
  }, async (req) => listResponsibilities(db, actorOf(req), req.query));

  r.post("/api/org/responsibilities", {
    schema: { tags, summary: "Add a lead or member unit to an incident type", body: CreateResponsibilityInput, response: { 201: Responsibility } },
    config: { permission: "org.responsibilities.write" },
  }, async (req, reply) => reply.status(201).send(await createResponsibility(db, actorOf(req), req.body)));

  r.patch("/api/org/responsibilities/:id", {
    schema: { tags, summary: "Change a unit's role or duties", params: IdParams, body: UpdateResponsibilityInput, response: { 200: Responsibility } },
    config: { permission: "org.responsibilities.write" },
  }, async (req) => updateResponsibility(db, actorOf(req), req.params.id, req.body));

  r.delete("/api/org/responsibilities/:id", {
    schema: { tags, summary: "Remove a unit from the matrix", params: IdParams, body: EmptyBody, response: { 200: Ok } },
    config: { permission: "org.responsibilities.write" },
  }, async (req) => {
    await deleteResponsibility(db, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  await app.register(async (uploads) => {
    acceptRawUploads(uploads);
    const u = uploads.withTypeProvider<ZodTypeProvider>();
    u.post("/api/org/units/:id/checklist/:item/evidence", {
      schema: { tags, summary: "Attach an evidence file (raw body; X-File-Name header)", params: ChecklistParams, response: { 200: ChecklistItem } },
      config: { permission: "org.checklist.write" },
    }, async (req) => addChecklistEvidence(db, config, actorOf(req), req.params.id, req.params.item, uploadedFile(req)));

    u.post("/api/org/units/import", {
      schema: { tags, summary: "Import units from the Excel template (all rows or none)", response: { 200: ImportResult } },
      config: write,
    }, async (req) => importAnswer(await importUnits(db, actorOf(req), uploadedFile(req).data)));
  });
}
