/**
 * Reading an incident's report chain: reports with their forwarding steps and attachments,
 * instructions and flags, the deadlines the rules engine derives from them at `now`, and the
 * incident's answer made from them (read back, or in hand just after recording it).
 */
import { asc, inArray } from "drizzle-orm";
import { anyId } from "../../db/any-of.ts";
import { APPROXIMATE_SOURCES, type Incident, type IncidentFigures, type IncidentFlagKind, type IncidentLevel, type IncidentReport, type IncidentStatus, type IncidentSummary, type IncidentType, type LocationSource } from "@yingji/contracts";
import type { Q } from "../../db/client.ts";
import { fileRows, presentFile, type FileRow } from "../../platform/files.ts";
import { cachedRead } from "../../platform/memo.ts";
import { users } from "../../platform/platform.table.ts";
import { unitsByIds } from "../org/units.service.ts";
import { casualtyWindowEnd, computeDeadlines, deadlineKey, hasOverdue, rulesFromRows, suggestLevel, type DeadlineState, type LevelThreshold, type ReportRules } from "./incidents.rules.ts";
import {
  incidentFlags, incidentInstructions, incidentLevelRules, incidentReportAttachments, incidentReportForwards, incidentReportRules, incidentReports, incidents,
} from "./incidents.table.ts";

export type IncidentRow = typeof incidents.$inferSelect;
export type ReportRow = typeof incidentReports.$inferSelect;
export type ForwardRow = typeof incidentReportForwards.$inferSelect;
export type FlagRow = typeof incidentFlags.$inferSelect;

export const figuresOf = (r: IncidentFigures): IncidentFigures => ({
  dead: r.dead, missing: r.missing, injured: r.injured, seriouslyInjured: r.seriouslyInjured, trapped: r.trapped, directLoss: r.directLoss,
});

/** The reporting rules (cached a few seconds per database handle; fresh inside a transaction). */
export function readRules(q: Q): Promise<ReportRules> {
  return cachedRead(q, "incidents.rules", async () =>
    rulesFromRows(await q.select({ key: incidentReportRules.key, minutes: incidentReportRules.minutes }).from(incidentReportRules)));
}

/** The level thresholds as stored (`incident_level_rules`; cached like the rules). */
export function readLevelThresholds(q: Q): Promise<LevelThreshold[]> {
  return cachedRead(q, "incidents.level_rules", async () => {
    const rows = await q.select().from(incidentLevelRules);
    return rows.map((r) => ({ level: r.level as IncidentLevel, dead: r.dead, seriouslyInjured: r.seriouslyInjured, directLoss: r.directLoss }));
  });
}

/**
 * What the deadlines, the units involved and a list entry need of a chain: no texts, no
 * files, no instructions' words. Reading only these columns is what keeps a list page cheap.
 */
export interface ChainOutline {
  reports: Pick<ReportRow, "id" | "incidentId" | "kind" | "number" | "submittedAt" | "unitId" | "toUnitId">[];
  forwards: Pick<ForwardRow, "reportId" | "fromUnitId" | "toUnitId" | "forwardedAt">[];
  instructions: Pick<typeof incidentInstructions.$inferSelect, "byUnitId">[];
  flags: FlagRow[];
}

export interface Chain extends ChainOutline {
  reports: ReportRow[];
  forwards: ForwardRow[];
  attachments: (typeof incidentReportAttachments.$inferSelect)[];
  instructions: (typeof incidentInstructions.$inferSelect)[];
  flags: FlagRow[];
}

/** The whole chains of incidents (an incident's page, the 专报), keyed by incident id. */
export async function loadChains(q: Q, ids: string[]): Promise<Map<string, Chain>> {
  const chains = new Map<string, Chain>(ids.map((id) => [id, { reports: [], forwards: [], attachments: [], instructions: [], flags: [] }]));
  if (ids.length === 0) return chains;
  const reports = await q.select().from(incidentReports).where(anyId(incidentReports.incidentId, ids)).orderBy(asc(incidentReports.number));
  const reportIds = reports.map((r) => r.id);
  const incidentOf = new Map(reports.map((r) => [r.id, r.incidentId]));
  for (const r of reports) chains.get(r.incidentId)!.reports.push(r);
  if (reportIds.length) {
    const forwards = await q.select().from(incidentReportForwards).where(anyId(incidentReportForwards.reportId, reportIds)).orderBy(asc(incidentReportForwards.forwardedAt));
    for (const f of forwards) chains.get(incidentOf.get(f.reportId)!)!.forwards.push(f);
    for (const a of await q.select().from(incidentReportAttachments).where(anyId(incidentReportAttachments.reportId, reportIds)).orderBy(asc(incidentReportAttachments.createdAt))) {
      chains.get(incidentOf.get(a.reportId)!)!.attachments.push(a);
    }
  }
  for (const f of await q.select().from(incidentFlags).where(anyId(incidentFlags.incidentId, ids)).orderBy(asc(incidentFlags.raisedAt))) chains.get(f.incidentId)!.flags.push(f);
  for (const i of await q.select().from(incidentInstructions).where(anyId(incidentInstructions.incidentId, ids)).orderBy(asc(incidentInstructions.createdAt))) chains.get(i.incidentId)!.instructions.push(i);
  return chains;
}

/** The outlines of several incidents' chains at once (a list page, the deadline scan), keyed by incident id. */
export async function loadOutlines(q: Q, ids: string[]): Promise<Map<string, ChainOutline>> {
  const chains = new Map<string, ChainOutline>(ids.map((id) => [id, { reports: [], forwards: [], instructions: [], flags: [] }]));
  if (ids.length === 0) return chains;
  const r = incidentReports;
  const reports = await q.select({ id: r.id, incidentId: r.incidentId, kind: r.kind, number: r.number, submittedAt: r.submittedAt, unitId: r.unitId, toUnitId: r.toUnitId })
    .from(r).where(anyId(r.incidentId, ids)).orderBy(asc(r.number));
  const incidentOf = new Map(reports.map((x) => [x.id, x.incidentId]));
  for (const x of reports) chains.get(x.incidentId)!.reports.push(x);
  const f = incidentReportForwards;
  if (reports.length) {
    const forwards = await q.select({ reportId: f.reportId, fromUnitId: f.fromUnitId, toUnitId: f.toUnitId, forwardedAt: f.forwardedAt })
      .from(f).where(anyId(f.reportId, reports.map((x) => x.id))).orderBy(asc(f.forwardedAt));
    for (const x of forwards) chains.get(incidentOf.get(x.reportId)!)!.forwards.push(x);
  }
  for (const x of await q.select().from(incidentFlags).where(anyId(incidentFlags.incidentId, ids)).orderBy(asc(incidentFlags.raisedAt))) chains.get(x.incidentId)!.flags.push(x);
  return chains;
}

/** Where a report is now: the unit it went to, then each unit it was forwarded to. */
export function holderOf(report: Pick<ReportRow, "id" | "toUnitId">, forwards: ChainOutline["forwards"]): string | null {
  const own = forwards.filter((f) => f.reportId === report.id);
  return own.length ? own[own.length - 1].toUnitId : report.toUnitId;
}

/** True when a unit's path says it has a parent (the district, at the top, has none). */
export const hasParent = (path: string) => path.includes(".");

/** The deadlines of one incident at `now`; `unitPaths` must hold every unit a report went to. */
export function deadlinesOf(i: IncidentRow, chain: ChainOutline, rules: ReportRules, unitPaths: Map<string, { path: string }>, now: Date): DeadlineState[] {
  const forwardSteps: { reportId: string; arrivedAt: Date; forwardedAt: Date | null }[] = [];
  for (const r of chain.reports) {
    if (!r.toUnitId) continue;
    let holder = r.toUnitId;
    let arrivedAt = r.submittedAt;
    for (const f of chain.forwards.filter((x) => x.reportId === r.id)) {
      forwardSteps.push({ reportId: r.id, arrivedAt, forwardedAt: f.forwardedAt });
      holder = f.toUnitId;
      arrivedAt = f.forwardedAt;
    }
    const path = unitPaths.get(holder)?.path;
    if (path && hasParent(path)) forwardSteps.push({ reportId: r.id, arrivedAt, forwardedAt: null });
  }
  return computeDeadlines({
    level: i.level as IncidentLevel, sensitive: i.sensitive, learnedAt: i.learnedAt, phoneReportedAt: i.phoneReportedAt,
    responseEndedAt: i.responseEndedAt,
    reports: chain.reports.map((r) => ({ id: r.id, kind: r.kind as "initial", submittedAt: r.submittedAt })),
    forwardSteps,
  }, rules, now);
}

/** Every unit a chain mentions, for names and paths. */
export function unitIdsOf(i: IncidentRow, chain: ChainOutline): string[] {
  return [
    i.unitId,
    ...chain.reports.flatMap((r) => [r.unitId, ...(r.toUnitId ? [r.toUnitId] : [])]),
    ...chain.forwards.flatMap((f) => [f.fromUnitId, f.toUnitId]),
    ...chain.instructions.map((x) => x.byUnitId),
  ];
}

/** Display names of users, for "submitted by" and "forwarded by". */
export async function userNames(q: Q, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** What a chain's presentation needs besides the chain: unit names, user names, attached files. */
export interface ChainNames {
  units: Map<string, { name: string; path: string }>;
  users: Map<string, string>;
  files: Map<string, FileRow>;
}

export async function loadChainNames(q: Q, chain: Chain): Promise<ChainNames> {
  const units = await unitsByIds(q, [
    ...chain.reports.flatMap((r) => [r.unitId, ...(r.toUnitId ? [r.toUnitId] : [])]),
    ...chain.forwards.flatMap((f) => [f.fromUnitId, f.toUnitId]),
  ]);
  const users = await userNames(q, [...chain.reports.map((r) => r.submittedBy), ...chain.forwards.map((f) => f.forwardedBy)]);
  const files = new Map((await fileRows(q, chain.attachments.map((a) => a.fileId))).map((f) => [f.id, f]));
  return { units, users, files };
}

export async function presentReports(q: Q, chain: Chain): Promise<IncidentReport[]> {
  return presentChainReports(chain, await loadChainNames(q, chain));
}

export function presentChainReports(chain: Chain, { units, users: names, files }: ChainNames): IncidentReport[] {
  const name = (id: string) => units.get(id)?.name ?? "";
  return chain.reports.map((r) => ({
    id: r.id, incidentId: r.incidentId, kind: r.kind as IncidentReport["kind"], number: r.number, correctsId: r.correctsId,
    figures: figuresOf(r), level: r.level as IncidentLevel | null, suggestedLevel: r.suggestedLevel as IncidentLevel,
    body: r.body, cause: r.cause, measures: r.measures, trend: r.trend, reporterName: r.reporterName, reporterPhone: r.reporterPhone,
    unitId: r.unitId, unitName: name(r.unitId), submittedAt: r.submittedAt.toISOString(), submittedBy: names.get(r.submittedBy) ?? "",
    dueAt: r.dueAt?.toISOString() ?? null, late: r.late, responseEnded: r.responseEnded,
    toUnitId: r.toUnitId, atUnitId: holderOf(r, chain.forwards),
    forwards: chain.forwards.filter((f) => f.reportId === r.id).map((f) => ({
      fromUnitId: f.fromUnitId, fromUnitName: name(f.fromUnitId), toUnitId: f.toUnitId, toUnitName: name(f.toUnitId),
      forwardedAt: f.forwardedAt.toISOString(), forwardedBy: names.get(f.forwardedBy) ?? "", note: f.note, late: f.late,
    })),
    attachments: chain.attachments.filter((a) => a.reportId === r.id).map((a) => files.get(a.fileId)).filter((f) => !!f).map(presentFile),
  }));
}

/** The summary flags: the ones raised and stored, and overdue computed at `now`. */
function flagsOf(chain: Pick<ChainOutline, "flags">, overdue: boolean): IncidentFlagKind[] {
  const kinds = new Set(chain.flags.map((f) => f.kind as IncidentFlagKind));
  if (overdue) kinds.add("overdue");
  return [...kinds];
}

const presentDeadline = (d: DeadlineState) => ({ ...d, dueAt: d.dueAt.toISOString(), metAt: d.metAt?.toISOString() ?? null });

/** The earliest deadline not yet met, presented. */
function nextOpen(deadlines: DeadlineState[]) {
  const open = deadlines.filter((d) => !d.metAt).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return open.length ? presentDeadline(open[0]) : null;
}

/** A list entry: the incident, its flags (overdue at the time of reading included) and the next deadline it owes. */
export function presentSummary(i: IncidentRow, chain: Pick<ChainOutline, "flags">, names: { type: string; unit: string }, deadlines: DeadlineState[]): IncidentSummary {
  return {
    id: i.id, title: i.title, typeId: i.typeId, typeName: names.type, unitId: i.unitId, unitName: names.unit,
    level: i.level as IncidentLevel, status: i.status as IncidentStatus, sensitive: i.sensitive, exercise: i.exercise,
    occurredAt: i.occurredAt.toISOString(), learnedAt: i.learnedAt.toISOString(), address: i.address, lat: i.lat, lon: i.lon,
    locationSource: i.locationSource as LocationSource, approximate: APPROXIMATE_SOURCES.includes(i.locationSource as LocationSource), placeUnitId: i.placeUnitId,
    figures: figuresOf(i), flags: flagsOf(chain, hasOverdue(deadlines)),
    nextDeadline: nextOpen(deadlines),
    createdAt: i.createdAt.toISOString(), updatedAt: i.updatedAt.toISOString(), version: i.version,
  };
}

/** Everything an incident's answer is made of besides its rows: loaded, or in hand just after recording it. */
export interface IncidentParts extends ChainNames {
  units: Map<string, { name: string; path: string }>;
  rules: ReportRules;
  thresholds: LevelThreshold[];
  type: IncidentType | undefined;
}

export function presentIncident(i: IncidentRow, chain: Chain, parts: IncidentParts, now: Date): Incident {
  const { units, rules, type } = parts;
  const deadlines = deadlinesOf(i, chain, rules, units, now);
  return {
    ...presentSummary(i, chain, { type: type?.name ?? "", unit: units.get(i.unitId)?.name ?? "" }, deadlines),
    suggestedLevel: suggestLevel(i, parts.thresholds),
    casualtyWindowEndsAt: casualtyWindowEnd(rules, i.occurredAt, type?.casualtySupplementDays ?? null).toISOString(),
    responseEndedAt: i.responseEndedAt?.toISOString() ?? null,
    reports: presentChainReports(chain, parts),
    instructions: chain.instructions.map((x) => ({ id: x.id, text: x.text, byName: x.byName, byUnitName: units.get(x.byUnitId)?.name ?? "", at: x.createdAt.toISOString() })),
    flagDetails: [
      ...chain.flags.map((f) => ({ kind: f.kind as IncidentFlagKind, reportId: f.reportId, raisedAt: f.raisedAt.toISOString(), detail: f.detail })),
      // Overdue at `now` and not yet stored by the deadline worker.
      ...deadlines.filter((d) => d.status === "overdue" && !chain.flags.some((f) => f.deadlineKey === deadlineKey(d))).map((d) => ({ kind: "overdue" as const, reportId: d.reportId, raisedAt: d.dueAt.toISOString(), detail: `${d.kind}${d.number ? ` #${d.number}` : ""} 应于 ${d.dueAt.toISOString()} 前完成` })),
    ],
    deadlines: deadlines.map(presentDeadline),
  };
}
