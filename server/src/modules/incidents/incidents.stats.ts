/**
 * Reporting statistics of a year or a month (Asia/Shanghai) over the incidents in the caller's
 * scope, exercises left out: on-time rate per unit and month (reports and forwarding steps,
 * each judged against the due time fixed when it was made), counts by type, level and town,
 * and the average time from learning of an incident to its initial report.
 */
import { sql } from "drizzle-orm";
import type { IncidentFlagKind, IncidentLevel, IncidentStats } from "@yingji/contracts";
import type { Q } from "../../db/client.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { scopeCondition } from "../../platform/scope.ts";
import { unitsByIds, unitsByPaths } from "../org/units.service.ts";
import { listIncidentTypes } from "./incident-types.service.ts";
import { INCIDENT_LEVELS } from "@yingji/contracts";

const local = (col: ReturnType<typeof sql>) => sql`(${col} at time zone 'Asia/Shanghai')`;

export async function incidentStats(q: Q, actor: Actor, period: { year: number; month?: number }): Promise<IncidentStats> {
  // A range on the stored instant (index-friendly), bounded by local midnights.
  const midnight = (year: number, month: number) => sql`make_timestamptz(${year}::int, ${month}::int, 1, 0, 0, 0, 'Asia/Shanghai')`;
  const start = midnight(period.year, period.month ?? 1);
  const end = !period.month ? midnight(period.year + 1, 1) : period.month === 12 ? midnight(period.year + 1, 1) : midnight(period.year, period.month + 1);
  const inPeriod = (col: ReturnType<typeof sql>) => sql`${col} >= ${start} and ${col} < ${end}`;
  const scoped = scopeCondition(sql`i.unit_path`, actor);

  const onTime = await q.execute<{ unit_id: string; month: string; reports: number; on_time: number }>(sql`
    with steps as (
      select r.unit_id, r.submitted_at as at, r.late from incident_reports r join incidents i on i.id = r.incident_id
        where r.due_at is not null and not i.exercise and ${scoped} and ${inPeriod(sql`r.submitted_at`)}
      union all
      select f.from_unit_id, f.forwarded_at, f.late from incident_report_forwards f
        join incident_reports r on r.id = f.report_id join incidents i on i.id = r.incident_id
        where not i.exercise and ${scoped} and ${inPeriod(sql`f.forwarded_at`)}
    )
    select unit_id, to_char(${local(sql`at`)}, 'YYYY-MM') as month, count(*)::int as reports, count(*) filter (where not late)::int as on_time
    from steps group by 1, 2 order by 2, 1`);

  const incidentsInPeriod = sql`from incidents i where not i.exercise and ${scoped} and ${inPeriod(sql`i.occurred_at`)}`;
  const byType = await q.execute<{ type_id: string; n: number }>(sql`select i.type_id, count(*)::int as n ${incidentsInPeriod} group by 1 order by 2 desc`);
  const byLevel = await q.execute<{ level: string; n: number }>(sql`select i.level, count(*)::int as n ${incidentsInPeriod} group by 1`);
  const byTown = await q.execute<{ town: string; n: number }>(sql`
    select subpath(i.unit_path, 0, 2)::text as town, count(*)::int as n ${incidentsInPeriod} and nlevel(i.unit_path) >= 2 group by 1 order by 2 desc`);
  const [avg] = (await q.execute<{ minutes: number | string | null }>(sql`
    select avg(extract(epoch from (r.submitted_at - i.learned_at)) / 60)::float8 as minutes
    from incidents i join incident_reports r on r.incident_id = i.id and r.kind = 'initial'
    where not i.exercise and ${scoped} and ${inPeriod(sql`i.learned_at`)}`)).rows;

  const flags = await q.execute<{ unit_id: string; kind: string; n: number }>(sql`
    select f.unit_id, f.kind, count(*)::int as n from incident_flags f join incidents i on i.id = f.incident_id
    where not i.exercise and ${scoped} and ${inPeriod(sql`f.raised_at`)} group by 1, 2 order by 3 desc, 1, 2`);
  const units = await unitsByIds(q, [...onTime.rows.map((r) => r.unit_id), ...flags.rows.map((r) => r.unit_id)]);
  const towns = await unitsByPaths(q, byTown.rows.map((r) => r.town));
  const types = new Map((await listIncidentTypes(q)).map((t) => [t.id, t.name]));
  const levels = new Map(byLevel.rows.map((r) => [r.level, Number(r.n)]));
  return {
    onTime: onTime.rows.map((r) => ({
      unitId: r.unit_id, unitName: units.get(r.unit_id)?.name ?? "", month: r.month, reports: Number(r.reports), onTime: Number(r.on_time),
      rate: Number(r.reports) ? Number(r.on_time) / Number(r.reports) : 1,
    })),
    byType: byType.rows.map((r) => ({ typeId: r.type_id, typeName: types.get(r.type_id) ?? "", count: Number(r.n) })),
    byLevel: INCIDENT_LEVELS.map((level: IncidentLevel) => ({ level, count: levels.get(level) ?? 0 })),
    byTown: byTown.rows.filter((r) => towns.has(r.town)).map((r) => ({ unitId: towns.get(r.town)!.id, unitName: towns.get(r.town)!.name, count: Number(r.n) })),
    flags: flags.rows.map((r) => ({ unitId: r.unit_id, unitName: units.get(r.unit_id)?.name ?? "", kind: r.kind as IncidentFlagKind, count: Number(r.n) })),
    avgMinutesToInitialReport: avg?.minutes === null || avg?.minutes === undefined ? null : Math.round(Number(avg.minutes) * 10) / 10,
  };
}
