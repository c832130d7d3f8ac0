/**
 * What early warning owes whom (the owed-work engine's warnings provider):
 * - an approver releases (签发) drafts submitted in their subtree by someone else;
 * - a target unit acknowledges (签收) by its deadline, then reports its response measures;
 * - the issuing office works the call list of units that did not acknowledge (催办).
 */
import { can } from "@yingji/contracts";
import { sql } from "drizzle-orm";
import type { AppContext, OwedItem, TodoProvider } from "../../platform/module.ts";
import type { Actor } from "../../platform/auth/actor.ts";

const LIMIT = 100;
const LEVEL_ZH: Record<string, string> = { red: "红色", orange: "橙色", yellow: "黄色", blue: "蓝色" };

async function toRelease(ctx: AppContext, actor: Actor): Promise<OwedItem[]> {
  if (!can(actor.role, "warnings.approve")) return [];
  const { rows } = await ctx.db.execute<{ id: string; headline: string; level: string; effective_at: Date; drafter_name: string | null; unit_name: string }>(sql`
    select w.id, w.headline, w.level, w.effective_at, w.drafter_name, u.name as unit_name from warnings w join org_units u on u.id = w.unit_id
    where w.status = 'pending_approval' and w.unit_path <@ ${actor.unitPath}::ltree and w.drafter_id is distinct from ${actor.id}::uuid
    order by w.updated_at limit ${LIMIT}`);
  return rows.map((r): OwedItem => ({
    key: `warning.release:${r.id}`, kind: "warning.release", title: r.headline, detail: `${LEVEL_ZH[r.level] ?? r.level}预警，${r.drafter_name ?? ""}拟稿，待签发`,
    objectId: r.id, link: `/warnings/${r.id}`, deadline: new Date(r.effective_at), unitName: r.unit_name,
  }));
}

/** Warnings in force released to the caller's unit: acknowledge by the deadline, then report the response. */
async function toAnswer(ctx: AppContext, actor: Actor, now: Date): Promise<OwedItem[]> {
  if (!can(actor.role, "warnings.respond")) return [];
  const { rows } = await ctx.db.execute<{ id: string; headline: string; level: string; due_at: Date; expires_at: Date; acked: boolean }>(sql`
    select w.id, w.headline, w.level, t.due_at, w.expires_at,
      exists (select 1 from warning_acks a where a.warning_id = w.id and a.unit_id = t.unit_id) as acked
    from warning_targets t join warnings w on w.id = t.warning_id
    where t.unit_id = ${actor.unitId}::uuid and w.origin = 'issued' and w.status in ('released', 'updated') and w.expires_at > ${now}
      and not exists (select 1 from warning_feedback f where f.warning_id = w.id and f.unit_id = t.unit_id)
    order by t.due_at limit ${LIMIT}`);
  return rows.map((r): OwedItem => r.acked
    ? {
      key: `warning.feedback:${r.id}:${actor.unitId}`, kind: "warning.feedback" as const, title: r.headline, detail: "已签收，请报告本单位响应措施",
      objectId: r.id, link: `/warnings/${r.id}`, deadline: new Date(r.expires_at), unitName: actor.unitName,
    }
    : {
      key: `warning.ack:${r.id}:${actor.unitId}`, kind: "warning.ack" as const, title: r.headline, detail: `${LEVEL_ZH[r.level] ?? r.level}预警，请签收（已收到）`,
      objectId: r.id, link: `/warnings/${r.id}`, deadline: new Date(r.due_at), unitName: actor.unitName,
    });
}

/** Open call tasks of warnings the caller's subtree issued. */
async function toCall(ctx: AppContext, actor: Actor): Promise<OwedItem[]> {
  if (!can(actor.role, "warnings.calls")) return [];
  const { rows } = await ctx.db.execute<{ id: string; warning_id: string; headline: string; due_at: Date; unit_name: string }>(sql`
    select e.id, e.warning_id, w.headline, e.due_at, u.name as unit_name
    from warning_escalations e join warnings w on w.id = e.warning_id join org_units u on u.id = e.unit_id
    where e.done_at is null and e.unit_path <@ ${actor.unitPath}::ltree order by e.created_at limit ${LIMIT}`);
  return rows.map((r): OwedItem => ({
    key: `warning.call:${r.id}`, kind: "warning.call", title: r.headline, detail: `${r.unit_name}逾期未签收，请电话催办`,
    objectId: r.warning_id, link: "/warnings/calls", deadline: new Date(r.due_at), unitName: r.unit_name,
  }));
}

export const warningsTodo: TodoProvider = {
  name: "warnings",
  kinds: ["warning.release", "warning.ack", "warning.feedback", "warning.call"],
  async owed(ctx, actor, now) {
    return (await Promise.all([toRelease(ctx, actor), toAnswer(ctx, actor, now), toCall(ctx, actor)])).flat();
  },
};
