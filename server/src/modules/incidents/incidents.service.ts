/** Incidents: recording one with its initial report, reading one with its chain, the list. */
import { and, desc, eq, exists, or, sql, type SQL } from "drizzle-orm";
import type { CreateIncidentInput, Incident, IncidentFlagKind, IncidentListQuery, IncidentPage } from "@yingji/contracts";
import type { Db, Q, Tx } from "../../db/client.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { badRequest, notFound } from "../../platform/errors.ts";
import { emitEvent } from "../../platform/events.ts";
import { inScope, inSector, scopeCondition, sectorCondition } from "../../platform/scope.ts";
import { unitInScope, unitsByIds } from "../org/units.service.ts";
import { getIncidentType, listIncidentTypes } from "./incident-types.service.ts";
import {
  deadlinesOf, loadChainNames, loadChains, loadOutlines, presentIncident, presentSummary, readLevelThresholds, readRules, unitIdsOf, type IncidentRow,
} from "./incidents.chain.ts";
import { recordIncident } from "./incidents.intake.ts";
import { incidentFlags, incidents } from "./incidents.table.ts";
import { phoneFor } from "../../platform/masking.ts";

/**
 * An incident the caller may act on, or 404: one in their subtree, or one whose type their unit
 * leads by the responsibility matrix. `read` also admits the types it is a member for (a member
 * department reads its sector district-wide, read only).
 */
export async function incidentInScope(q: Q, actor: Actor, id: string, forUpdate = false, mode: "write" | "read" = "write"): Promise<IncidentRow> {
  const query = q.select().from(incidents).where(eq(incidents.id, id));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("事件");
  if (inScope(actor, row.unitPath)) return row;
  if (await inSector(q, actor, row.typeId, mode === "read" ? ["lead", "member"] : ["lead"])) return row;
  throw notFound("事件");
}

/** Times are facts already past: not in the future, and learned no earlier than it occurred. */
export function checkTimes(now: Date, t: { occurredAt: Date; learnedAt: Date; phoneReportedAt?: Date | null }) {
  if (t.occurredAt > now) throw badRequest("occurredAt", "发生时间不能晚于当前时间");
  if (t.learnedAt > now) throw badRequest("learnedAt", "获知时间不能晚于当前时间");
  if (t.learnedAt < t.occurredAt) throw badRequest("learnedAt", "获知时间不能早于发生时间");
  if (t.phoneReportedAt && t.phoneReportedAt > now) throw badRequest("phoneReportedAt", "电话报告时间不能晚于当前时间");
  if (t.phoneReportedAt && t.phoneReportedAt < t.learnedAt) throw badRequest("phoneReportedAt", "电话报告时间不能早于获知时间");
}

/** Raises a flag once (per report for late and casualty_late, per incident for the others) and announces it. */
export async function raiseFlag(tx: Tx, i: IncidentRow, f: { kind: IncidentFlagKind; reportId?: string | null; unitId: string; detail: string }): Promise<void> {
  if (f.kind !== "late" && f.kind !== "casualty_late") {
    const [already] = await tx.select({ id: incidentFlags.id }).from(incidentFlags).where(and(eq(incidentFlags.incidentId, i.id), eq(incidentFlags.kind, f.kind)));
    if (already) return;
  }
  const [flag] = await tx.insert(incidentFlags).values({ incidentId: i.id, kind: f.kind, reportId: f.reportId ?? null, unitId: f.unitId, detail: f.detail }).returning();
  await emitEvent(tx, { type: "flag.raised", unitPath: i.unitPath, data: { incidentId: i.id, flagId: flag.id, kind: f.kind, reportId: flag.reportId, detail: f.detail } });
}

/** Records an incident with its initial report (through the intake, which writes reports arriving together in one go). */
export async function createIncident(db: Db, actor: Actor, input: CreateIncidentInput, key: string | null, now = new Date()) {
  checkTimes(now, { occurredAt: new Date(input.occurredAt), learnedAt: new Date(input.learnedAt), phoneReportedAt: input.phoneReportedAt ? new Date(input.phoneReportedAt) : null });
  if (!(await getIncidentType(db, input.typeId))) throw badRequest("typeId", "事件类型不存在");
  return recordIncident(db, { actor, input, key, now, readBack: (id) => getIncident(db, actor, id) });
}

async function typeNames(q: Q): Promise<Map<string, string>> {
  return new Map((await listIncidentTypes(q)).map((t) => [t.id, t.name]));
}

export async function getIncident(q: Q, actor: Actor, id: string, now = new Date()): Promise<Incident> {
  const i = await incidentInScope(q, actor, id, false, "read");
  const chain = (await loadChains(q, [id])).get(id)!;
  const units = await unitsByIds(q, unitIdsOf(i, chain));
  const names = await loadChainNames(q, chain);
  const incident = presentIncident(i, chain, {
    units: new Map([...units, ...names.units]), users: names.users, files: names.files,
    rules: await readRules(q), thresholds: await readLevelThresholds(q), type: await getIncidentType(q, i.typeId),
  }, now);
  return { ...incident, reports: maskReporters(actor, incident.reports) };
}

/** Reporters' numbers as the caller may see them (people.unmask), in the detail, the chain and the 专报. */
export const maskReporters = <R extends { reporterPhone: string | null }>(actor: Actor, reports: R[]): R[] =>
  reports.map((r) => ({ ...r, reporterPhone: phoneFor(actor, r.reporterPhone) }));

/** The list counts its matches up to this many; beyond, the answer says "at least" (totalCapped). */
export const TOTAL_CAP = 2_000;

/** Overdue depends on `now`, so filtering by it reads the candidates and decides in memory, up to this many. */
const OVERDUE_SCAN_LIMIT = 5000;

export async function listIncidents(q: Q, actor: Actor, query: IncidentListQuery, now = new Date()) {
  return (await listIncidentsUntil(q, actor, query, now)).value;
}

/** The list, and when it stops being true by itself (the first pending deadline on it passes: overdue is computed at `now`). */
export async function listIncidentsUntil(q: Q, actor: Actor, query: IncidentListQuery, now = new Date()) {
  // The caller's subtree, and their sector's incidents district-wide (the responsibility matrix).
  const where: SQL[] = [or(scopeCondition(incidents.unitPath, actor), sectorCondition(incidents.typeId, actor))!];
  if (query.unitId) where.push(sql`${incidents.unitPath} <@ ${(await unitInScope(q, actor, query.unitId, "unitId")).path}::ltree`);
  if (query.typeId) where.push(eq(incidents.typeId, query.typeId));
  if (query.level) where.push(eq(incidents.level, query.level));
  if (query.status) where.push(eq(incidents.status, query.status));
  if (query.exercise !== undefined) where.push(eq(incidents.exercise, query.exercise));
  if (query.from) where.push(sql`${incidents.occurredAt} >= (${query.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (query.to) where.push(sql`${incidents.occurredAt} < ((${query.to}::date) + 1)::timestamp at time zone 'Asia/Shanghai'`);
  if (query.flag && query.flag !== "overdue") {
    where.push(exists(q.select({ one: sql`1` }).from(incidentFlags).where(and(eq(incidentFlags.incidentId, incidents.id), eq(incidentFlags.kind, query.flag)))));
  }
  const cond = and(...where);
  const rules = await readRules(q);
  const types = await typeNames(q);
  const offset = (query.page - 1) * query.pageSize;
  const overdueOnly = query.flag === "overdue";
  const rows = overdueOnly
    ? await q.select().from(incidents).where(cond).orderBy(desc(incidents.learnedAt), desc(incidents.id)).limit(OVERDUE_SCAN_LIMIT)
    : await q.select().from(incidents).where(cond).orderBy(desc(incidents.learnedAt), desc(incidents.id)).limit(query.pageSize).offset(offset);
  const chains = await loadOutlines(q, rows.map((r) => r.id));
  const units = await unitsByIds(q, rows.flatMap((r) => unitIdsOf(r, chains.get(r.id)!)));
  let changesAt: Date | null = null;
  let items = rows.map((r) => {
    const chain = chains.get(r.id)!;
    const deadlines = deadlinesOf(r, chain, rules, units, now);
    for (const d of deadlines) if (d.status === "pending" && (!changesAt || d.dueAt < changesAt)) changesAt = d.dueAt;
    return presentSummary(r, chain, { type: types.get(r.typeId) ?? "", unit: units.get(r.unitId)?.name ?? "" }, deadlines);
  });
  let total: number;
  if (overdueOnly) {
    items = items.filter((x) => x.flags.includes("overdue"));
    total = items.length;
    items = items.slice(offset, offset + query.pageSize);
  } else {
    // Counting a district's years of incidents exactly costs more than the page itself: count up
    // to TOTAL_CAP and say "at least" beyond it (the pager offers the pages up to there).
    const [{ n }] = (await q.execute<{ n: number }>(sql`select count(*)::int as n from (select 1 from ${incidents} where ${cond} limit ${TOTAL_CAP + 1}) capped`)).rows;
    total = Number(n);
  }
  const value: IncidentPage = { items, total: Math.min(total, TOTAL_CAP), totalCapped: total > TOTAL_CAP, page: query.page, pageSize: query.pageSize };
  return { value, changesAt };
}
