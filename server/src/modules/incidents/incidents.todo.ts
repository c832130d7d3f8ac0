/**
 * What the report chain owes whom (the owed-work engine's incidents provider):
 * - the unit holding a report passes it up within the forwarding deadline (审核转报);
 * - the responsible unit sends its follow-up and final reports on time (续报, 终报);
 * - units below read a leader's instruction (批示) on their incidents;
 * - a district leader sees the serious open incidents still without an instruction.
 * Each query is bounded to the caller's unit (or subtree) and a row limit.
 */
import { can } from "@yingji/contracts";
import { sql } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import type { AppContext, OwedItem, TodoProvider } from "../../platform/module.ts";
import { unitsByIds } from "../org/units.service.ts";
import { deadlinesOf, hasParent, loadOutlines, readRules, unitIdsOf } from "./incidents.chain.ts";
import { forwardDeadline } from "./incidents.rules.ts";
import { incidents } from "./incidents.table.ts";

const LIMIT = 100;
/** Instructions older than this are no longer news. */
const INSTRUCTION_DAYS = 7;
/** A leader's decision list: serious incidents learned within this many days. */
const DECIDE_DAYS = 7;

const KIND_ZH: Record<string, string> = { initial: "初报", followup: "续报", final: "终报" };

/** Reports waiting at the caller's unit to be passed up one level. */
async function toForward(ctx: AppContext, actor: Actor): Promise<OwedItem[]> {
  if (!can(actor.role, "incidents.forward") || !hasParent(actor.unitPath)) return [];
  const { rows } = await ctx.db.execute<{ report_id: string; incident_id: string; kind: string; number: number; arrived_at: Date; title: string; from_name: string | null }>(sql`
    with waiting as (
      select r.id as report_id, r.incident_id, r.kind, r.number, r.submitted_at as arrived_at, r.unit_id as from_unit
        from incident_reports r where r.to_unit_id = ${actor.unitId}::uuid
      union all
      select r.id, r.incident_id, r.kind, r.number, f.forwarded_at, f.from_unit_id
        from incident_report_forwards f join incident_reports r on r.id = f.report_id where f.to_unit_id = ${actor.unitId}::uuid
    )
    select w.report_id, w.incident_id, w.kind, w.number, w.arrived_at, i.title, u.name as from_name
    from waiting w join incidents i on i.id = w.incident_id left join org_units u on u.id = w.from_unit
    where not exists (select 1 from incident_report_forwards f where f.report_id = w.report_id and f.from_unit_id = ${actor.unitId}::uuid)
    order by w.arrived_at limit ${LIMIT}`);
  const rules = await readRules(ctx.db);
  return rows.map((r): OwedItem => ({
    key: `incident.forward:${r.report_id}:${actor.unitId}`, kind: "incident.forward", title: r.title,
    detail: `${r.from_name ?? ""}${KIND_ZH[r.kind] ?? r.kind}${r.number ? ` #${r.number}` : ""}待审核转报上级`,
    objectId: r.incident_id, link: `/incidents/${r.incident_id}`, deadline: forwardDeadline(rules, new Date(r.arrived_at)), unitName: actor.unitName,
  }));
}

/** The next follow-up or final report owed by the caller's unit on its open incidents. */
async function reportsDue(ctx: AppContext, actor: Actor, now: Date): Promise<OwedItem[]> {
  if (!can(actor.role, "incidents.report")) return [];
  const rows = await ctx.db.select().from(incidents)
    .where(sql`${incidents.unitId} = ${actor.unitId}::uuid and ${incidents.status} <> 'closed'`).orderBy(incidents.learnedAt).limit(LIMIT);
  if (rows.length === 0) return [];
  const rules = await readRules(ctx.db);
  const chains = await loadOutlines(ctx.db, rows.map((r) => r.id));
  const units = await unitsByIds(ctx.db, rows.flatMap((r) => unitIdsOf(r, chains.get(r.id)!)));
  const out: OwedItem[] = [];
  for (const i of rows) {
    for (const d of deadlinesOf(i, chains.get(i.id)!, rules, units, now)) {
      if (d.metAt || (d.kind !== "followup" && d.kind !== "final")) continue;
      out.push({
        key: `incident.${d.kind}:${i.id}:${d.number ?? ""}`, kind: d.kind === "final" ? "incident.final" : "incident.followup", title: i.title,
        detail: d.kind === "final" ? "应急响应已结束，请提交终报" : `第 ${d.number} 次续报`, objectId: i.id, link: `/incidents/${i.id}`, deadline: d.dueAt, unitName: actor.unitName,
      });
    }
  }
  return out;
}

/** Instructions on the caller's incidents given by another unit: done once read. */
async function instructionsToRead(ctx: AppContext, actor: Actor, now: Date): Promise<OwedItem[]> {
  if (!can(actor.role, "incidents.read")) return [];
  const since = new Date(now.getTime() - INSTRUCTION_DAYS * 86_400_000);
  const { rows } = await ctx.db.execute<{ id: string; incident_id: string; text: string; by_name: string; title: string }>(sql`
    select x.id, x.incident_id, x.text, x.by_name, i.title from incident_instructions x join incidents i on i.id = x.incident_id
    where i.unit_path <@ ${actor.unitPath}::ltree and x.by_unit_id <> ${actor.unitId}::uuid and x.created_at >= ${since}
    order by x.created_at desc limit ${LIMIT}`);
  return rows.map((r): OwedItem => ({
    key: `incident.instruction:${r.id}`, kind: "incident.instruction", title: r.title, detail: `${r.by_name}批示：${r.text.slice(0, 80)}`,
    objectId: r.incident_id, link: `/incidents/${r.incident_id}`, deadline: null, unitName: null, doneWhenRead: true,
  }));
}

/** For a leader: serious incidents (level I–III) still open and without any instruction. */
async function awaitingDecision(ctx: AppContext, actor: Actor, now: Date): Promise<OwedItem[]> {
  if (actor.role !== "leader") return [];
  const since = new Date(now.getTime() - DECIDE_DAYS * 86_400_000);
  const rows = await ctx.db.select({ id: incidents.id, title: incidents.title, level: incidents.level, unitId: incidents.unitId }).from(incidents)
    .where(sql`${incidents.unitPath} <@ ${actor.unitPath}::ltree and ${incidents.status} <> 'closed' and not ${incidents.exercise}
      and ${incidents.level} in ('I', 'II', 'III') and ${incidents.learnedAt} >= ${since}
      and not exists (select 1 from incident_instructions x where x.incident_id = ${incidents.id})`)
    .orderBy(incidents.learnedAt).limit(LIMIT);
  const units = await unitsByIds(ctx.db, rows.map((r) => r.unitId));
  return rows.map((r): OwedItem => ({
    key: `incident.decide:${r.id}`, kind: "incident.decide", title: r.title, detail: `${r.level} 级事件，尚无领导批示`,
    objectId: r.id, link: `/incidents/${r.id}`, deadline: null, unitName: units.get(r.unitId)?.name ?? null,
  }));
}

export const incidentsTodo: TodoProvider = {
  name: "incidents",
  kinds: ["incident.forward", "incident.followup", "incident.final", "incident.instruction", "incident.decide"],
  async owed(ctx, actor, now) {
    const parts = await Promise.all([toForward(ctx, actor), reportsDue(ctx, actor, now), instructionsToRead(ctx, actor, now), awaitingDecision(ctx, actor, now)]);
    return parts.flat();
  },
};

