/**
 * What the reserves owe (the owed-work engine's materials provider): the stock alerts of the
 * caller's own unit's warehouses — below the minimum reserve, batches expiring or expired,
 * warehouses due an inspection (盘点). Units above see theirs on the stock pages, not here.
 */
import { can, type StockAlert } from "@yingji/contracts";
import { and, eq } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import type { OwedItem, TodoProvider } from "../../platform/module.ts";
import { warehouses } from "./materials.table.ts";
import { stockAlerts } from "./stock.service.ts";

const DETAIL: Record<StockAlert["kind"], (a: StockAlert) => string> = {
  below_minimum: (a) => `${a.itemName}：库存 ${a.quantity}，低于最低储备 ${a.minimum}`,
  expiring: (a) => `${a.itemName}${a.batch ? `（批次 ${a.batch}）` : ""}将于 ${a.expiresOn} 到期`,
  expired: (a) => `${a.itemName}${a.batch ? `（批次 ${a.batch}）` : ""}已于 ${a.expiresOn} 过期`,
  not_inspected: (a) => (a.lastInspectedAt ? `上次盘点 ${a.lastInspectedAt.slice(0, 10)}，请盘点` : "尚未盘点，请盘点"),
};

const MAX_WAREHOUSES = 20;

/**
 * Expiry is due at the start of its day (Asia/Shanghai), an inspection when the interval since
 * the last one ran out; a shortfall below the minimum has no date of its own.
 */
function deadlineOf(a: StockAlert, inspectionDays: number): Date | null {
  if (a.expiresOn) return new Date(`${a.expiresOn}T00:00:00+08:00`);
  if (a.kind === "not_inspected") return a.lastInspectedAt ? new Date(Date.parse(a.lastInspectedAt) + inspectionDays * 86_400_000) : null;
  return null;
}

export const materialsTodo: TodoProvider = {
  name: "materials",
  kinds: ["stock.alert"],
  async owed(ctx, actor: Actor) {
    if (!can(actor.role, "materials.move")) return [];
    const own = await ctx.db.select({ id: warehouses.id }).from(warehouses).where(and(eq(warehouses.unitId, actor.unitId), eq(warehouses.active, true))).limit(MAX_WAREHOUSES);
    // One warehouse at a time: the alerts of the caller's own warehouses, not of the whole subtree.
    const alerts = (await Promise.all(own.map((w) => stockAlerts(ctx.db, actor, ctx.config, { warehouseId: w.id })))).flat();
    return alerts.map((a): OwedItem => ({
      key: `stock.alert:${a.kind}:${a.warehouseId}:${a.itemId ?? ""}:${a.batch ?? ""}`, kind: "stock.alert", title: a.warehouseName, detail: DETAIL[a.kind](a),
      objectId: a.warehouseId, link: `/materials/warehouses/${a.warehouseId}`, deadline: deadlineOf(a, ctx.config.WAREHOUSE_INSPECTION_DAYS), unitName: actor.unitName,
    }));
  },
};
