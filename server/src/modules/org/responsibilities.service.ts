/** The responsibility matrix: for each incident type, the lead unit and the member units with their duties. */
import { and, eq, type SQL } from "drizzle-orm";
import type { Responsibility } from "@yingji/contracts";
import type { Db, Q } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { badRequest, conflict, notFound, unprocessable } from "../../platform/errors.ts";
import { getIncidentType } from "../incidents/incident-types.service.ts";
import { orgUnits, responsibilities } from "./org.table.ts";
import { unitInScope } from "./units.service.ts";
import { incidentTypes } from "../incidents/incident-types.table.ts";
import { scopeCondition } from "../../platform/scope.ts";

const columns = { r: responsibilities, unitName: orgUnits.name, incidentTypeName: incidentTypes.name };

const present = (x: { r: typeof responsibilities.$inferSelect; unitName: string; incidentTypeName: string }): Responsibility => ({
  id: x.r.id, incidentTypeId: x.r.incidentTypeId, incidentTypeName: x.incidentTypeName, unitId: x.r.unitId, unitName: x.unitName,
  role: x.r.role as Responsibility["role"], duties: x.r.duties, version: x.r.version,
});

function select(q: Q, actor: Actor, where: SQL[]) {
  return q.select(columns).from(responsibilities)
    .innerJoin(orgUnits, eq(orgUnits.id, responsibilities.unitId))
    .innerJoin(incidentTypes, eq(incidentTypes.id, responsibilities.incidentTypeId))
    .where(and(scopeCondition(orgUnits.path, actor), ...where))
    .orderBy(incidentTypes.code, responsibilities.role, orgUnits.name);
}

export async function listResponsibilities(q: Q, actor: Actor, query: { incidentTypeId?: string; unitId?: string }) {
  const where: SQL[] = [];
  if (query.incidentTypeId) where.push(eq(responsibilities.incidentTypeId, query.incidentTypeId));
  if (query.unitId) where.push(eq(responsibilities.unitId, query.unitId));
  return (await select(q, actor, where)).map(present);
}

async function getOne(q: Q, actor: Actor, id: string) {
  const [row] = await select(q, actor, [eq(responsibilities.id, id)]);
  if (!row) throw notFound("职责");
  return present(row);
}

/** Only one lead unit per incident type. */
async function assertSingleLead(q: Q, incidentTypeId: string, exceptId?: string) {
  const leads = await q.select({ id: responsibilities.id }).from(responsibilities).where(and(eq(responsibilities.incidentTypeId, incidentTypeId), eq(responsibilities.role, "lead")));
  if (leads.some((l) => l.id !== exceptId)) throw unprocessable("lead_exists", "该事件类型已有牵头单位，请先将其改为成员单位");
}

export async function createResponsibility(db: Db, actor: Actor, input: { incidentTypeId: string; unitId: string; role: "lead" | "member"; duties: string }) {
  await unitInScope(db, actor, input.unitId, "unitId");
  if (!(await getIncidentType(db, input.incidentTypeId))) throw badRequest("incidentTypeId", "事件类型不存在");
  const id = await db.transaction(async (tx) => {
    if (input.role === "lead") await assertSingleLead(tx, input.incidentTypeId);
    const [dup] = await tx.select({ id: responsibilities.id }).from(responsibilities).where(and(eq(responsibilities.incidentTypeId, input.incidentTypeId), eq(responsibilities.unitId, input.unitId)));
    if (dup) throw conflict("该单位已在此事件类型的责任矩阵中");
    const [row] = await tx.insert(responsibilities).values({ ...input, createdBy: actor.id, updatedBy: actor.id }).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "org.responsibility.create", entity: "responsibility", entityId: row.id, after: row });
    return row.id;
  });
  return getOne(db, actor, id);
}

export async function updateResponsibility(db: Db, actor: Actor, id: string, input: { version: number; role?: "lead" | "member"; duties?: string }) {
  await getOne(db, actor, id);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(responsibilities).where(eq(responsibilities.id, id)).for("update");
    if (before.version !== input.version) throw conflict();
    if (input.role === "lead") await assertSingleLead(tx, before.incidentTypeId, id);
    const { version: _v, ...changes } = input;
    const [after] = await tx.update(responsibilities).set({ ...changes, updatedAt: new Date(), updatedBy: actor.id, version: before.version + 1 }).where(eq(responsibilities.id, id)).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "org.responsibility.update", entity: "responsibility", entityId: id, before, after });
  });
  return getOne(db, actor, id);
}

/** The matrix is configuration, not evidence: a row may be removed; the audit log keeps what it was. */
export async function deleteResponsibility(db: Db, actor: Actor, id: string) {
  await getOne(db, actor, id);
  await db.transaction(async (tx) => {
    const [before] = await tx.delete(responsibilities).where(eq(responsibilities.id, id)).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "org.responsibility.delete", entity: "responsibility", entityId: id, before });
  });
}
