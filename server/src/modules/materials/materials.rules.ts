/** Pure rules of material reserves. */
import type { MovementKind, StockAlertKind } from "@yingji/contracts";

/** The signed change a movement makes to the stock of its (source) warehouse. */
export function deltaOf(kind: MovementKind, quantity: number): number {
  return kind === "out" || kind === "transfer" ? -Math.abs(quantity) : kind === "in" ? Math.abs(quantity) : quantity;
}

/** A fault of a movement's input that the schema cannot see: [field, reason], or null. */
export function movementFault(m: { kind: MovementKind; quantity: number; warehouseId: string; toWarehouseId?: string; reason?: string }): [string, string] | null {
  if (m.kind !== "adjust" && m.quantity <= 0) return ["quantity", "数量应大于 0"];
  if (m.kind === "transfer" && !m.toWarehouseId) return ["toWarehouseId", "调拨须指定调入仓库"];
  if (m.kind === "transfer" && m.toWarehouseId === m.warehouseId) return ["toWarehouseId", "调入仓库不能与调出仓库相同"];
  if (m.kind !== "transfer" && m.toWarehouseId) return ["toWarehouseId", "只有调拨需要调入仓库"];
  if (m.kind === "adjust" && !m.reason) return ["reason", "调整须说明原因"];
  return null;
}

/** Quantities are numeric(16,3): round to avoid binary fractions creeping into sums. */
export const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** Alerts of one batch line. */
export function lineAlerts(l: { itemTotal: number; minimum: number | null; expiresOn: string | null; quantity: number }, today: string, warnUntil: string): StockAlertKind[] {
  const out: StockAlertKind[] = [];
  if (l.minimum !== null && l.minimum > 0 && l.itemTotal < l.minimum) out.push("below_minimum");
  if (l.expiresOn && l.quantity > 0) {
    if (l.expiresOn < today) out.push("expired");
    else if (l.expiresOn <= warnUntil) out.push("expiring");
  }
  return out;
}

export function compensationStatus(decided: number | null, paid: number | null): "none" | "decided" | "paid" {
  if (paid !== null && paid > 0 && (decided === null || paid >= decided)) return "paid";
  return decided !== null ? "decided" : "none";
}

/** The day (Asia/Shanghai) of an instant, and N days after it, as YYYY-MM-DD. */
export function shanghaiDay(at: Date, plusDays = 0): string {
  return new Date(at.getTime() + 8 * 3_600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
}
