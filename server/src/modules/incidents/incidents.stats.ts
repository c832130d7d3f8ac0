/**
 * Reporting statistics of a year or a month (Asia/Shanghai) over the incidents in the caller's
 * scope, exercises left out: on-time rate per unit and month (reports and forwarding steps,
 * each judged against the due time fixed when it was made), counts by type, level and town,
 * and the average time from learning of an incident to its initial report.
 *
 * On-time counts are per reporting unit (the units of the caller's subtree). A month that has
 * ended never changes (reports and forwarding steps are append-only and stamped when made), so
 * its counts are computed once for the whole district and kept (`incident_ontime_months`); only
 * the current month is counted live.
 */
import { and, inArray, sql } from "drizzle-orm";
import type { IncidentFlagKind, IncidentLevel, IncidentStats } from "@yingji/contracts";
import { anyId } from "../../db/any-of.ts";
import type { Db, Q } from "../../db/client.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { scopeCondition } from "../../platform/scope.ts";
import { listUnits, unitsByIds, unitsByPaths } from "../org/units.service.ts";
import { incidentOntimeMonths, incidentOntimeMonthsDone } from "./incidents.table.ts";
import { listIncidentTypes } from "./incident-types.service.ts";
import { INCIDENT_LEVELS } from "@yingji/contracts";


export async function incidentStats(q: Db, actor: Actor, query: { year?: number; month?: number }, now = new Date()): Promise<IncidentStats> {
  const period = { year: query.year ?? Number(shanghaiMonth(now).slice(0, 4)), month: query.month };
  // A range on the stored instant (index-friendly), bounded by local midnights.
  const midnight = (year: number, month: number) => sql`make_timestamptz(${year}::int, ${month}::int, 1, 0, 0, 0, 'Asia/Shanghai')`;
  const start = midnight(period.year, period.month ?? 1);
  const end = !period.month ? midnight(period.year + 1, 1) : period.month === 12 ? midnight(period.year + 1, 1) : midnight(period.year, period.month + 1);
  const inPeriod = (col: ReturnType<typeof sql>) => sql`${col} >= ${start} and ${col} < ${end}`;
  const scoped = scopeCondition(sql`i.unit_path`, actor);

  const onTime = await onTimeCounts(q, actor, period, now);

  // One pass over the period's incidents: counts by type, by level and by town, and the average
  // time from learning to the initial report, as grouping sets.
  const town = sql`(case when nlevel(i.unit_path) >= 2 then subpath(i.unit_path, 0, 2)::text end)`;
  const { rows: groups } = await q.execute<{ type_id: string | null; level: string | null; town: string | null; g: number; n: number; minutes: number | string | null }>(sql`
    select i.type_id, i.level, ${town} as town, grouping(i.type_id, i.level, ${town})::int as g, count(*)::int as n,
      avg(extract(epoch from (i.initial_reported_at - i.learned_at)) / 60)::float8 as minutes
    from incidents i where not i.exercise and ${scoped} and ${inPeriod(sql`i.occurred_at`)}
    group by grouping sets ((i.type_id), (i.level), (${town}), ())`);
  // grouping() bits, highest first: type, level, town; a set leaves the others' bits at 1.
  const byType = groups.filter((r) => r.g === 0b011).sort((a, b) => Number(b.n) - Number(a.n));
  const byLevel = groups.filter((r) => r.g === 0b101);
  const byTown = groups.filter((r) => r.g === 0b110 && r.town !== null).sort((a, b) => Number(b.n) - Number(a.n));
  const avg = groups.find((r) => r.g === 0b111);

  const flags = await q.execute<{ unit_id: string; kind: string; n: number }>(sql`
    select f.unit_id, f.kind, count(*)::int as n from incident_flags f join incidents i on i.id = f.incident_id
    where not i.exercise and ${scoped} and ${inPeriod(sql`f.raised_at`)} group by 1, 2 order by 3 desc, 1, 2`);
  const units = await unitsByIds(q, [...onTime.map((r) => r.unitId), ...flags.rows.map((r) => r.unit_id)]);
  const towns = await unitsByPaths(q, byTown.map((r) => r.town!));
  const types = new Map((await listIncidentTypes(q)).map((t) => [t.id, t.name]));
  const levels = new Map(byLevel.map((r) => [r.level, Number(r.n)]));
  return {
    onTime: onTime.map((r) => ({ ...r, unitName: units.get(r.unitId)?.name ?? "", rate: r.reports ? r.onTime / r.reports : 1 })),
    byType: byType.map((r) => ({ typeId: r.type_id!, typeName: types.get(r.type_id!) ?? "", count: Number(r.n) })),
    byLevel: INCIDENT_LEVELS.map((level: IncidentLevel) => ({ level, count: levels.get(level) ?? 0 })),
    byTown: byTown.filter((r) => towns.has(r.town!)).map((r) => ({ unitId: towns.get(r.town!)!.id, unitName: towns.get(r.town!)!.name, count: Number(r.n) })),
    flags: flags.rows.map((r) => ({ unitId: r.unit_id, unitName: units.get(r.unit_id)?.name ?? "", kind: r.kind as IncidentFlagKind, count: Number(r.n) })),
    avgMinutesToInitialReport: avg?.minutes === null || avg?.minutes === undefined ? null : Math.round(Number(avg.minutes) * 10) / 10,
  };
}

const shanghaiMonth = (t: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" }).format(t).slice(0, 7);
const monthStart = (month: string) => sql`make_timestamptz(${Number(month.slice(0, 4))}::int, ${Number(month.slice(5, 7))}::int, 1, 0, 0, 0, 'Asia/Shanghai')`;
/** The next month's local midnight (an interval added to a timestamptz would count in the session's zone). */
const monthEnd = (month: string) => {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return monthStart(m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`);
};

/** Reports (with a due time) and forwarding steps made in `month`, counted per unit, exercises left out. */
async function countMonth(q: Q, month: string, unitIds: string[]) {
  const units = sql`and ${anyId(sql`unit_id`, unitIds)}`;
  const { rows } = await q.execute<{ unit_id: string; reports: number; on_time: number }>(sql`
    with steps as (
      select r.unit_id, r.late from incident_reports r
        where r.due_at is not null and not r.exercise and r.submitted_at >= ${monthStart(month)} and r.submitted_at < ${monthEnd(month)}
      union all
      select f.from_unit_id, f.late from incident_report_forwards f join incident_reports r on r.id = f.report_id
        where not r.exercise and f.forwarded_at >= ${monthStart(month)} and f.forwarded_at < ${monthEnd(month)}
    )
    select unit_id, count(*)::int as reports, count(*) filter (where not late)::int as on_time from steps where true ${units} group by 1`);
  return rows.map((r) => ({ unitId: r.unit_id, month, reports: Number(r.reports), onTime: Number(r.on_time) }));
}

/**
 * Computes and keeps the counts of ended months not kept yet, in one pass over their reports and
 * forwarding steps (two processes at once: the same rows, kept once).
 */
async function keepEndedMonths(db: Db, months: string[]) {
  if (months.length === 0) return;
  const done = new Set((await db.select({ month: incidentOntimeMonthsDone.month }).from(incidentOntimeMonthsDone).where(inArray(incidentOntimeMonthsDone.month, months))).map((r) => r.month));
  const todo = months.filter((m) => !done.has(m)).sort();
  if (todo.length === 0) return;
  const [from, to] = [monthStart(todo[0]), monthEnd(todo.at(-1)!)];
  const local = (col: ReturnType<typeof sql>) => sql`to_char(${col} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ month: string; unit_id: string; reports: number; on_time: number }>(sql`
      with steps as (
        select ${local(sql`r.submitted_at`)} as month, r.unit_id, r.late from incident_reports r
          where r.due_at is not null and not r.exercise and r.submitted_at >= ${from} and r.submitted_at < ${to}
        union all
        select ${local(sql`f.forwarded_at`)}, f.from_unit_id, f.late from incident_report_forwards f join incident_reports r on r.id = f.report_id
          where not r.exercise and f.forwarded_at >= ${from} and f.forwarded_at < ${to}
      )
      select month, unit_id, count(*)::int as reports, count(*) filter (where not late)::int as on_time from steps group by 1, 2`);
    const wanted = new Set(todo);
    const kept = rows.filter((r) => wanted.has(r.month)).map((r) => ({ unitId: r.unit_id, month: r.month, reports: Number(r.reports), onTime: Number(r.on_time) }));
    for (let i = 0; i < kept.length; i += 1000) await tx.insert(incidentOntimeMonths).values(kept.slice(i, i + 1000)).onConflictDoNothing();
    await tx.insert(incidentOntimeMonthsDone).values(todo.map((month) => ({ month }))).onConflictDoNothing();
  });
}

/**
 * Keeps the ended months of this year and the last (the deadline worker calls it on every scan:
 * nothing to do once they are kept), so the first statistics of a year read kept counts.
 */
export async function keepRecentMonths(db: Db, now = new Date()) {
  const current = shanghaiMonth(now);
  const year = Number(current.slice(0, 4));
  const months = [year - 1, year].flatMap((y) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, "0")}`));
  await keepEndedMonths(db, months.filter((m) => m < current));
}

async function onTimeCounts(db: Db, actor: Actor, period: { year: number; month?: number }, now: Date) {
  const months = (period.month ? [period.month] : Array.from({ length: 12 }, (_, i) => i + 1)).map((m) => `${period.year}-${String(m).padStart(2, "0")}`);
  const current = shanghaiMonth(now);
  const ended = months.filter((m) => m < current);
  await keepEndedMonths(db, ended);
  const unitIds = (await listUnits(db, actor, { includeInactive: "true" })).map((u) => u.id);
  if (unitIds.length === 0) return [];
  const kept = ended.length
    ? await db.select().from(incidentOntimeMonths).where(and(inArray(incidentOntimeMonths.month, ended), inArray(incidentOntimeMonths.unitId, unitIds)))
    : [];
  const live = months.includes(current) ? await countMonth(db, current, unitIds) : [];
  return [...kept.map((r) => ({ unitId: r.unitId, month: r.month, reports: r.reports, onTime: r.onTime })), ...live]
    .sort((a, b) => a.month.localeCompare(b.month) || a.unitId.localeCompare(b.unitId));
}
