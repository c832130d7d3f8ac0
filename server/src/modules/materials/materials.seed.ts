/**
 * Demo warehouses, the item catalogue and opening stock (illustrative only). Stock is written
 * as movements with their balances, as the service does, so "stock = sum of movements" holds.
 */
import type { Q } from "../../db/client.ts";
import type { SeedUnits } from "../teams/teams.seed.ts";
import { near } from "../teams/teams.seed.ts";
import { materialItems, requisitions, stockBalances, stockMinimums, stockMovements, warehouses } from "./materials.table.ts";

const ITEMS: [name: string, category: string, spec: string, unit: string][] = [
  ["编织袋", "flood", "50kg 防汛编织袋", "条"], ["救生衣", "flood", "成人式 GB 4303", "件"], ["冲锋舟", "flood", "6 人 玻璃钢", "艘"], ["排水泵", "flood", "潜水泵 100m³/h", "台"],
  ["发电机", "power", "汽油 5kW", "台"], ["应急照明灯", "power", "LED 移动照明", "台"], ["救灾帐篷", "living", "12m² 单帐篷", "顶"], ["折叠床", "living", "单人", "张"],
  ["棉被", "living", "2kg", "床"], ["饮用水", "living", "550ml×24 瓶", "箱"], ["方便食品", "living", "自热米饭", "箱"], ["防化服", "hazmat", "重型 A 级", "套"],
  ["空气呼吸器", "hazmat", "正压式 6.8L", "具"], ["吸附棉", "hazmat", "通用型 40×50cm", "包"], ["医用外科口罩", "medical", "YY 0469", "盒"], ["卫星电话", "communication", "天通一号", "部"],
];

const WAREHOUSES: [name: string, unit: string, kind: string, area: number, stale?: boolean][] = [
  ["武进区应急物资储备库", "武进区", "government", 2400],
  ["湖塘镇应急物资仓库", "湖塘镇", "government", 600],
  ["雪堰镇防汛物资仓库", "雪堰镇", "government", 800],
  ["横林镇应急物资仓库", "横林镇", "government", 400],
  ["礼嘉镇应急物资仓库", "礼嘉镇", "government", 300, true],
  ["常州示例物流园协议储备库", "常州示例物流园", "enterprise_agreement", 1500],
  ["武进示例超市应急生活物资点", "牛塘镇", "social", 200],
];

export async function seedDemoMaterials(tx: Q, units: SeedUnits, rand: () => number, personName: () => string, mobile: () => string) {
  const district = units.get("武进区")!.id;
  const items = await tx.insert(materialItems).values(ITEMS.map(([name, category, specification, measureUnit]) => ({ unitId: district, name, category, specification, measureUnit })))
    .returning({ id: materialItems.id, name: materialItems.name, category: materialItems.category });
  const whs = await tx.insert(warehouses).values(WAREHOUSES.map(([name, unit, kind, area, stale]) => ({
    ...near(units, unit, rand, 1), name, kind, area, managerName: personName(), managerPhone: mobile(), dutyPhone: `0519-8${String(6000000 + Math.floor(rand() * 999999))}`,
    address: unit, lastInspectedAt: new Date(Date.now() - (stale ? 200 : 10 + Math.floor(rand() * 40)) * 86_400_000),
  }))).returning({ id: warehouses.id, name: warehouses.name });

  const today = Date.now();
  const dayIso = (offset: number) => new Date(today + offset * 86_400_000).toISOString().slice(0, 10);
  const balances: (typeof stockBalances.$inferInsert)[] = [];
  const moves: (typeof stockMovements.$inferInsert)[] = [];
  const minimums: (typeof stockMinimums.$inferInsert)[] = [];
  whs.forEach((w, wi) => {
    const scale = wi === 0 ? 10 : wi === 5 ? 6 : 2;
    for (const it of items) {
      if (wi > 0 && rand() < 0.35) continue;
      const perishable = it.category === "living" && (it.name === "饮用水" || it.name === "方便食品");
      const base = Math.max(1, Math.round((it.name === "编织袋" ? 2000 : it.name === "冲锋舟" ? 2 : it.name === "饮用水" ? 300 : 40) * scale * (0.5 + rand())));
      const batch = perishable ? `2025-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}` : "";
      const expiresOn = perishable ? dayIso(wi === 1 && it.name === "方便食品" ? 12 : 90 + Math.floor(rand() * 300)) : null;
      const minimum = Math.round(base * (wi === 1 && it.name === "救生衣" ? 1.4 : 0.5));
      balances.push({ warehouseId: w.id, itemId: it.id, batch, quantity: base, expiresOn });
      moves.push({ kind: "in", warehouseId: w.id, itemId: it.id, batch, delta: base, balanceAfter: base, reason: "期初入库", byName: "system", at: new Date(today - 120 * 86_400_000) });
      minimums.push({ warehouseId: w.id, itemId: it.id, minimum });
    }
  });
  await tx.insert(stockBalances).values(balances);
  await tx.insert(stockMovements).values(moves);
  await tx.insert(stockMinimums).values(minimums);

  await tx.insert(requisitions).values([
    { unitId: district, name: "挖掘机 2 台", fromKind: "enterprise", fromParty: "常州示例物流园", fromPhone: mobile(), requisitionedAt: new Date(today - 40 * 86_400_000),
      description: "雪堰镇太滆运河堤防抢险征用挖掘机 2 台（含操作手），使用 3 天", valuation: 36_000, outcome: "returned", returnedAt: new Date(today - 36 * 86_400_000),
      compensationDecided: 18_000, compensationDecidedOn: dayIso(-30), compensationPaid: 18_000, compensationPaidOn: dayIso(-20) },
    { unitId: district, name: "大型客车 5 辆", fromKind: "enterprise", fromParty: "常州示例客运有限公司", fromPhone: mobile(), requisitionedAt: new Date(today - 5 * 86_400_000),
      description: "群众转移征用大型客车 5 辆", valuation: 25_000, outcome: "in_use" },
    { unitId: district, name: "抽水泵 3 台", fromKind: "person", fromParty: personName(), fromPhone: mobile(), requisitionedAt: new Date(today - 12 * 86_400_000),
      description: "低洼村庄排涝征用个人抽水泵 3 台", valuation: 4_500, outcome: "consumed", compensationDecided: 4_500, compensationDecidedOn: dayIso(-3) },
  ]);
}
