/** Incidents: recording one with its initial report, reading one with its chain, the list. */
import { and, desc, eq, exists, sql, type SQL } from "drizzle-orm";
import type {
  CreateIncidentInput, Incident, IncidentFlagKind, IncidentLevel, IncidentListQuery, IncidentStatus, IncidentSummary,
} from "@yingji/contracts";
import type { Db, Q, Tx } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { badRequest, notFound } from "../../platform/errors.ts";
import { emitEvent } from "../../platform/events.ts";
import { inScope, scopeCondition } from "../../platform/scope.ts";
import { unitInScope, unitsByIds } from "../org/units.service.ts";
import { getIncidentType, listIncidentTypes } from "./incident-types.service.ts";
import {
  deadlinesOf, figuresOf, loadChains, presentReports, readLevelThresholds, readRules, unitIdsOf, type Chain, type IncidentRow,
} from "./incidents.chain.ts";
import { once } from "./incidents.idempotency.ts";
import { casualtyWindowEnd, deadlineKey, hasOverdue, initialDeadline, isLate, suggestLevel } from "./incidents.rules.ts";
import { incidentFlags, incidentReports, incidents } from "./incidents.table.ts";

/** An incident in the caller's subtree, or 404: one outside it does not exist for the caller. */
export async function incidentInScope(q: Q, actor: Actor, id: string, forUpdate = false): Promise<IncidentRow> {
  const query = q.select().from(incidents).where(eq(incidents.id, id));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row || !inScope(actor, row.unitPath)) throw notFound("事件");
  return row;
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
export async function raiseFlag(tx: Tx, i: IncidentRow, f: { kind: IncidentFlagKind; reportId?: string | null; unitId: string; detail: string }) {
  if (f.kind !== "late" && f.kind !== "casualty_late") {
    const [already] = await tx.select({ id: incidentFlags.id }).from(incidentFlags).where(and(eq(incidentFlags.incidentId, i.id), eq(incidentFlags.kind, f.kind)));
    if (already) return;
  }
  const [flag] = await tx.insert(incidentFlags).values({ incidentId: i.id, kind: f.kind, reportId: f.reportId ?? null, unitId: f.unitId, detail: f.detail }).returning();
  await emitEvent(tx, { type: "flag.raised", unitPath: i.unitPath, data: { incidentId: i.id, flagId: flag.id, kind: f.kind, reportId: flag.reportId, detail: f.detail } });
}

export async function createIncident(db: Db, actor: Actor, input: CreateIncidentInput, key: string | null, now = new Date()) {
  const times = { occurredAt: new Date(input.occurredAt), learnedAt: new Date(input.learnedAt), phoneReportedAt: input.phoneReportedAt ? new Date(input.phoneReportedAt) : null };
  checkTimes(now, times);
  if (!(await getIncidentType(db, input.typeId))) throw badRequest("typeId", "事件类型不存在");
  const unit = await unitInScope(db, actor, input.unitId, "unitId");
  const own = await unitInScope(db, actor, actor.unitId);
  // Rules and thresholds are configuration: read (cached) before the transaction, never through
  // the pool inside it (a transaction waiting for a second connection can starve the pool).
  const rules = await readRules(db);
  const thresholds = await readLevelThresholds(db);
  return once(db, actor, key, "POST /api/incidents", async (tx) => {
    const figures = figuresOf(input.figures);
    const [row] = await tx.insert(incidents).values({
      title: input.title, typeId: input.typeId, lat: input.lat, lon: input.lon, address: input.address, ...times, ...figures,
      level: input.level, initialLevel: input.level, sensitive: input.sensitive, exercise: input.exercise,
      unitId: unit.id, unitPath: unit.path, recordedByUnitId: actor.unitId, createdBy: actor.id, updatedBy: actor.id, initialReportedAt: now,
    }).returning();
    const dueAt = initialDeadline(rules, { level: input.level, sensitive: input.sensitive, learnedAt: times.learnedAt });
    const [report] = await tx.insert(incidentReports).values({
      incidentId: row.id, kind: "initial", number: 0, ...figures, level: input.level, suggestedLevel: suggestLevel(figures, thresholds),
      body: input.body, cause: input.cause ?? null, measures: input.measures ?? null, trend: input.trend ?? null,
      reporterName: input.reporterName, reporterPhone: input.reporterPhone ?? null,
      unitId: own.id, unitPath: own.path, toUnitId: own.parentId, submittedAt: now, submittedBy: actor.id,
      dueAt, late: isLate(now, dueAt), exercise: input.exercise,
    }).returning();
    await emitEvent(tx, { type: "incident.created", unitPath: row.unitPath, data: { incidentId: row.id, reportId: report.id, title: row.title, level: row.level, unitId: row.unitId, typeId: row.typeId, exercise: row.exercise } });
    if (report.late) await raiseFlag(tx, row, { kind: "late", reportId: report.id, unitId: own.id, detail: `初报迟报：应于 ${dueAt.toISOString()} 前报告` });
    // Recorded by a unit above the responsible one: the unit did not report it itself (漏报/瞒报 review).
    if (own.path !== unit.path && unit.path.startsWith(`${own.path}.`)) {
      await raiseFlag(tx, row, { kind: "not_reported_by_unit", unitId: unit.id, detail: `由上级单位「${actor.unitName}」先行获知并录入，责任单位未报告` });
    }
    // Last: the audit append holds the chain's lock until commit, so it comes as late as it can.
    await recordAudit(tx, { ...auditBy(actor), action: "incidents.create", entity: "incident", entityId: row.id, after: { incident: row, report } });
    return row.id;
  }, (id) => getIncident(db, actor, id));
}

/** The summary flags: the ones raised and stored, and overdue computed at `now`. */
function flagsOf(chain: Chain, overdue: boolean): IncidentFlagKind[] {
  const kinds = new Set(chain.flags.map((f) => f.kind as IncidentFlagKind));
  if (overdue) kinds.add("overdue");
  return [...kinds];
}

function presentSummary(i: IncidentRow, chain: Chain, names: { type: string; unit: string }, overdue: boolean): IncidentSummary {
  return {
    id: i.id, title: i.title, typeId: i.typeId, typeName: names.type, unitId: i.unitId, unitName: names.unit,
    level: i.level as IncidentLevel, status: i.status as IncidentStatus, sensitive: i.sensitive, exercise: i.exercise,
    occurredAt: i.occurredAt.toISOString(), learnedAt: i.learnedAt.toISOString(), address: i.address, lat: i.lat, lon: i.lon,
    figures: figuresOf(i), flags: flagsOf(chain, overdue), createdAt: i.createdAt.toISOString(), updatedAt: i.updatedAt.toISOString(), version: i.version,
  };
}

async function typeNames(q: Q): Promise<Map<string, string>> {
  return new Map((await listIncidentTypes(q)).map((t) => [t.id, t.name]));
}

export async function getIncident(q: Q, actor: Actor, id: string, now = new Date()): Promise<Incident> {
  const i = await incidentInScope(q, actor, id);
  const chain = (await loadChains(q, [id], { details: true })).get(id)!;
  const units = await unitsByIds(q, unitIdsOf(i, chain));
  const rules = await readRules(q);
  const deadlines = deadlinesOf(i, chain, rules, units, now);
  const type = await getIncidentType(q, i.typeId);
  return {
    ...presentSummary(i, chain, { type: type?.name ?? "", unit: units.get(i.unitId)?.name ?? "" }, hasOverdue(deadlines)),
    suggestedLevel: suggestLevel(i, await readLevelThresholds(q)),
    casualtyWindowEndsAt: casualtyWindowEnd(rules, i.occurredAt, type?.casualtySupplementDays ?? null).toISOString(),
    responseEndedAt: i.responseEndedAt?.toISOString() ?? null,
    reports: await presentReports(q, chain),
    instructions: chain.instructions.map((x) => ({ id: x.id, text: x.text, byName: x.byName, byUnitName: units.get(x.byUnitId)?.name ?? "", at: x.createdAt.toISOString() })),
    flagDetails: [
      ...chain.flags.map((f) => ({ kind: f.kind as IncidentFlagKind, reportId: f.reportId, raisedAt: f.raisedAt.toISOString(), detail: f.detail })),
      // Overdue at `now` and not yet stored by the deadline worker.
      ...deadlines.filter((d) => d.status === "overdue" && !chain.flags.some((f) => f.deadlineKey === deadlineKey(d))).map((d) => ({ kind: "overdue" as const, reportId: d.reportId, raisedAt: d.dueAt.toISOString(), detail: `${d.kind}${d.number ? ` #${d.number}` : ""} 应于 ${d.dueAt.toISOString()} 前完成` })),
    ],
    deadlines: deadlines.map((d) => ({ ...d, dueAt: d.dueAt.toISOString(), metAt: d.metAt?.toISOString() ?? null })),
  };
}

/** The list counts its matches up to this many; beyond, the answer says "at least" (totalCapped). */
export const TOTAL_CAP = 2_000;

/** Overdue depends on `now`, so filtering by it reads the candidates and decides in memory, up to this many. */
const OVERDUE_SCAN_LIMIT = 5000;

export async function listIncidents(q: Q, actor: Actor, query: IncidentListQuery, now = new Date()) {
  const where: SQL[] = [scopeCondition(incidents.unitPath, actor)];
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
  const chains = await loadChains(q, rows.map((r) => r.id), { details: false });
  const units = await unitsByIds(q, rows.flatMap((r) => unitIdsOf(r, chains.get(r.id)!)));
  let items = rows.map((r) => {
    const chain = chains.get(r.id)!;
    const overdue = hasOverdue(deadlinesOf(r, chain, rules, units, now));
    return presentSummary(r, chain, { type: types.get(r.typeId) ?? "", unit: units.get(r.unitId)?.name ?? "" }, overdue);
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
  return { items, total: Math.min(total, TOTAL_CAP), totalCapped: total > TOTAL_CAP, page: query.page, pageSize: query.pageSize };
}
