/**
 * What duty owes (the owed-work engine's duty provider): the units of the caller's unit's latest
 * spot-check draw (抽查) still to be called and recorded, due by the end of the draw's day.
 */
import { can } from "@yingji/contracts";
import { sql } from "drizzle-orm";
import type { OwedItem, TodoProvider } from "../../platform/module.ts";

/** A draw older than this is stale: its calls are no longer owed. */
const DRAW_HOURS = 24;

/** Midnight after `at`, Asia/Shanghai (UTC+8, no daylight saving). */
export function endOfShanghaiDay(at: Date): Date {
  const day = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000);
}

export const dutyTodo: TodoProvider = {
  name: "duty",
  kinds: ["duty.spotcheck"],
  async owed(ctx, actor, now) {
    if (!can(actor.role, "duty.spotcheck")) return [];
    const since = new Date(now.getTime() - DRAW_HOURS * 3_600_000);
    const { rows } = await ctx.db.execute<{ draw_id: string; created_at: Date; unit_id: string; name: string; duty_phone: string | null }>(sql`
      with d as (select id, created_at, unit_ids from duty_spot_check_draws where org_unit_id = ${actor.unitId}::uuid and created_at >= ${since} order by created_at desc limit 1)
      select d.id as draw_id, d.created_at, u.id as unit_id, u.name, u.duty_phone from d cross join unnest(d.unit_ids) as x(unit_id) join org_units u on u.id = x.unit_id
      where not exists (select 1 from duty_spot_checks c where c.org_unit_id = u.id and c.created_at >= d.created_at)
      order by u.name`);
    return rows.map((r): OwedItem => ({
      key: `duty.spotcheck:${r.draw_id}:${r.unit_id}`, kind: "duty.spotcheck", title: `抽查 ${r.name} 值班电话`, detail: r.duty_phone ? `值班电话 ${r.duty_phone}` : "该单位未登记值班电话",
      objectId: r.unit_id, link: "/duty/spot-checks", deadline: endOfShanghaiDay(new Date(r.created_at)), unitName: r.name,
    }));
  },
};
