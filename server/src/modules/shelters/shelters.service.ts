/** What shelters do beyond the generic registry: status while open, inspections, coverage per town. */
import { desc, eq, sql } from "drizzle-orm";
import type { Shelter, ShelterCoverage, ShelterStatus } from "@yingji/contracts";
import type { Config } from "../../config.ts";
import type { Db, Q } from "../../db/client.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { getRow } from "../../platform/registry.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import { sheltersRegistry } from "./shelters.registry.ts";
import { nextStatus } from "./shelters.rules.ts";
import { shelterInspections } from "./shelters.table.ts";

export async function setShelterStatus(db: Db, actor: Actor, id: string, input: { status: ShelterStatus; occupancy?: number }) {
  await db.transaction(async (tx) => {
    const before = await sheltersRegistry.writableRow(tx, actor, id);
    const next = nextStatus(input, { occupancy: before.occupancy as number }, before.capacity as number);
    const changed = next.status !== before.status;
    await sheltersRegistry.writeUpdate(tx, actor, before, { ...next, ...(changed ? { statusSince: new Date() } : {}) }, "shelter.status");
  });
  return (await getRow(db, sheltersRegistry, actor, id)) as Shelter;
}

export async function addShelterInspection(db: Db, actor: Actor, id: string, input: { passed: boolean; findings?: string; facilitiesOk?: string[] }) {
  const row = await db.transaction(async (tx) => {
    await sheltersRegistry.writableRow(tx, actor, id);
    const [ins] = await tx.insert(shelterInspections).values({
      shelterId: id, byId: actor.id, byName: actor.displayName, passed: input.passed, findings: input.findings ?? null, facilitiesOk: input.facilitiesOk ?? [],
    }).returning();
    await tx.execute(sql`update shelters set last_inspected_at = ${ins.at} where id = ${id}`);
    await recordAudit(tx, { ...auditBy(actor), action: "shelter.inspect", entity: "shelter", entityId: id, after: ins });
    return ins;
  });
  return presentInspection(row);
}

const presentInspection = (r: typeof shelterInspections.$inferSelect) => ({
  id: r.id, shelterId: r.shelterId, at: r.at.toISOString(), byName: r.byName, passed: r.passed, findings: r.findings, facilitiesOk: r.facilitiesOk,
});

export async function listShelterInspections(q: Q, actor: Actor, id: string) {
  await sheltersRegistry.row(q, actor, id);
  const rows = await q.select().from(shelterInspections).where(eq(shelterInspections.shelterId, id)).orderBy(desc(shelterInspections.at));
  return rows.map(presentInspection);
}

/**
 * Population of each town (subdistrict, zone) against the capacity of the active shelters in
 * its subtree. A caller sees the towns in their subtree, or their own town when they sit below one.
 */
export async function shelterCoverage(q: Q, actor: Actor, config: Config): Promise<ShelterCoverage> {
  const { rows } = await q.execute<{ unit_id: string; name: string; population: number | null; shelters: number; capacity: number }>(sql`
    select t.id as unit_id, t.name, t.population,
      (select count(*)::int from shelters s where s.active and s.unit_path <@ t.path) as shelters,
      (select coalesce(sum(s.capacity), 0)::int from shelters s where s.active and s.unit_path <@ t.path) as capacity
    from org_units t
    where nlevel(t.path) = 2 and t.kind in ('town', 'subdistrict', 'zone') and t.active
      and (t.path <@ ${actor.unitPath}::ltree or t.path @> ${actor.unitPath}::ltree)
    order by t.sort, t.name`);
  const towns = rows.map((r) => {
    const population = Number(r.population ?? 0);
    return { unitId: r.unit_id, name: r.name, population, shelters: Number(r.shelters), capacity: Number(r.capacity), ratio: population ? Number(r.capacity) / population : 0 };
  });
  const population = towns.reduce((s, t) => s + t.population, 0);
  const capacity = towns.reduce((s, t) => s + t.capacity, 0);
  return { m2PerPerson: config.SHELTER_M2_PER_PERSON, towns, total: { population, capacity, ratio: population ? capacity / population : 0 } };
}
