/** The six-in-place checklist (六落实) of each unit, with evidence files, and its roll-up per town. */
import { and, eq, sql } from "drizzle-orm";
import { SIX_IN_PLACE, type ChecklistItem } from "@yingji/contracts";
import type { Config } from "../../config.ts";
import type { Db, Q } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { conflict } from "../../platform/errors.ts";
import { fileRows, presentFile, saveFile } from "../../platform/files.ts";
import { scopeCondition } from "../../platform/scope.ts";
import { unitChecklist } from "./org.table.ts";
import { unitInScope } from "./units.service.ts";

type Item = (typeof SIX_IN_PLACE)[number];

export async function getChecklist(q: Q, actor: Actor, unitId: string): Promise<ChecklistItem[]> {
  await unitInScope(q, actor, unitId);
  const rows = await q.select().from(unitChecklist).where(eq(unitChecklist.unitId, unitId));
  const files = new Map((await fileRows(q, rows.flatMap((r) => r.evidenceFileIds))).map((f) => [f.id, f]));
  return SIX_IN_PLACE.map((item) => {
    const r = rows.find((x) => x.item === item);
    if (!r) return { item, done: false, note: null, evidence: [], updatedAt: null, version: 0 };
    return {
      item, done: r.done, note: r.note, updatedAt: r.updatedAt.toISOString(), version: r.version,
      evidence: r.evidenceFileIds.map((id) => files.get(id)).filter((f) => !!f).map(presentFile),
    };
  });
}

/** Saves one item; `version` 0 means the item was never saved (the row is created). */
export async function updateChecklistItem(db: Db, actor: Actor, unitId: string, item: Item, input: { done: boolean; note?: string | null; version: number }) {
  await unitInScope(db, actor, unitId);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(unitChecklist).where(and(eq(unitChecklist.unitId, unitId), eq(unitChecklist.item, item))).for("update");
    if ((before?.version ?? 0) !== input.version) throw conflict();
    const values = { done: input.done, note: input.note ?? null, updatedAt: new Date(), updatedBy: actor.id };
    const [after] = before
      ? await tx.update(unitChecklist).set({ ...values, version: before.version + 1 }).where(eq(unitChecklist.id, before.id)).returning()
      : await tx.insert(unitChecklist).values({ unitId, item, ...values }).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "org.checklist.update", entity: "org_unit", entityId: unitId, before: before ?? null, after });
  });
  return (await getChecklist(db, actor, unitId)).find((i) => i.item === item)!;
}

export async function addChecklistEvidence(db: Db, config: Config, actor: Actor, unitId: string, item: Item, file: { name: string; contentType: string; data: Buffer }) {
  await unitInScope(db, actor, unitId);
  await db.transaction(async (tx) => {
    const saved = await saveFile(tx, config, { ...file, unitId, actorId: actor.id });
    const [before] = await tx.select().from(unitChecklist).where(and(eq(unitChecklist.unitId, unitId), eq(unitChecklist.item, item))).for("update");
    if (before) {
      await tx.update(unitChecklist).set({ evidenceFileIds: [...before.evidenceFileIds, saved.id], updatedAt: new Date(), updatedBy: actor.id, version: before.version + 1 }).where(eq(unitChecklist.id, before.id));
    } else {
      await tx.insert(unitChecklist).values({ unitId, item, evidenceFileIds: [saved.id], updatedBy: actor.id });
    }
    await recordAudit(tx, { ...auditBy(actor), action: "org.checklist.evidence_add", entity: "org_unit", entityId: unitId, after: { item, file: presentFile(saved), sha256: saved.sha256 } });
  });
  return (await getChecklist(db, actor, unitId)).find((i) => i.item === item)!;
}

/** Completion of the six items over every active unit of each second-level unit's subtree (towns, zones, subdistricts, departments). */
export async function checklistRollup(q: Q, actor: Actor) {
  const rows = await q.execute<{ unit_id: string; unit_name: string; kind: string; units: number; items_done: number }>(sql`
    select t.id as unit_id, t.name as unit_name, t.kind,
      (select count(*)::int from org_units u where u.path <@ t.path and u.active) as units,
      (select count(*)::int from unit_checklist c join org_units u on u.id = c.unit_id
         where u.path <@ t.path and u.active and c.done) as items_done
    from org_units t join org_unit_kinds k on k.code = t.kind
    where k.level = 2 and t.active and ${scopeCondition(sql`t.path`, actor)}
    order by t.kind, t.sort, t.name`);
  return rows.rows.map((r) => {
    const itemsTotal = r.units * SIX_IN_PLACE.length;
    return { unitId: r.unit_id, unitName: r.unit_name, kind: r.kind, units: r.units, itemsDone: r.items_done, itemsTotal, rate: itemsTotal ? r.items_done / itemsTotal : 0 };
  });
}
