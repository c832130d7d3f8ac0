/**
 * Stock is the sum of movements. A movement locks its balance row (warehouse × item × batch)
 * with SELECT … FOR UPDATE, computes the new quantity, refuses to go below zero (422, nothing
 * written), and writes the balance and the append-only movement in one transaction: two
 * movements at once are serialised by the lock, so no update is lost.
 */
import { and, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { CreateInspectionInput, CreateMovementInput, Inspection, Movement, StockAlert, StockLine } from "@yingji/contracts";
import type { Config } from "../../config.ts";
import type { Db, Q, Tx } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { badRequest, refNotFound, unprocessable } from "../../platform/errors.ts";
import { emitEvent } from "../../platform/events.ts";
import type { Row } from "../../platform/registry.ts";
import { incidentInScope } from "../incidents/incidents.service.ts";
import { materialItemsRegistry, warehousesRegistry } from "./materials.registry.ts";
import { deltaOf, lineAlerts, movementFault, round3, shanghaiDay } from "./materials.rules.ts";
import { materialItems, stockBalances, stockMinimums, stockMovements, warehouseInspections, warehouses } from "./materials.table.ts";

type Balance = typeof stockBalances.$inferSelect;

/** The balance row of warehouse × item × batch, created at zero if missing, locked until commit. */
async function lockBalance(tx: Tx, warehouseId: string, itemId: string, batch: string): Promise<Balance> {
  await tx.insert(stockBalances).values({ warehouseId, itemId, batch, quantity: 0 }).onConflictDoNothing();
  const [b] = await tx.select().from(stockBalances)
    .where(and(eq(stockBalances.warehouseId, warehouseId), eq(stockBalances.itemId, itemId), eq(stockBalances.batch, batch))).for("update");
  return b;
}

interface Posting {
  kind: Movement["kind"];
  warehouseId: string;
  itemId: string;
  batch: string;
  delta: number;
  expiresOn?: string;
  reason?: string | null;
  incidentId?: string | null;
  inspectionId?: string | null;
  transferId?: string | null;
}

/** Applies one signed change to a locked balance and appends its movement. */
async function post(tx: Tx, actor: Actor, b: Balance, p: Posting, names: { warehouse: string; item: string }) {
  const after = round3(Number(b.quantity) + p.delta);
  if (after < 0) {
    throw unprocessable("stock_negative", `库存不足：${names.warehouse}「${names.item}」${p.batch ? `批次 ${p.batch} ` : ""}现有 ${Number(b.quantity)}，不能减少 ${-p.delta}`, {
      warehouseId: p.warehouseId, itemId: p.itemId, batch: p.batch, available: Number(b.quantity), requested: -p.delta,
    });
  }
  await tx.update(stockBalances).set({ quantity: after, updatedAt: new Date(), ...(p.expiresOn ? { expiresOn: p.expiresOn } : {}) }).where(eq(stockBalances.id, b.id));
  const [m] = await tx.insert(stockMovements).values({
    kind: p.kind, warehouseId: p.warehouseId, itemId: p.itemId, batch: p.batch, delta: p.delta, balanceAfter: after, reason: p.reason ?? null,
    incidentId: p.incidentId ?? null, inspectionId: p.inspectionId ?? null, transferId: p.transferId ?? null, byId: actor.id, byName: actor.displayName,
  }).returning();
  b.quantity = after;
  return m;
}

async function warehouseFor(q: Q, actor: Actor, id: string, field: string, writable: boolean): Promise<Row> {
  try {
    return writable ? await warehousesRegistry.writableRow(q, actor, id) : await warehousesRegistry.row(q, actor, id);
  } catch (e) {
    if (field === "warehouseId") throw e;
    throw refNotFound(field, "仓库");
  }
}

export async function postMovement(db: Db, actor: Actor, input: CreateMovementInput): Promise<Movement[]> {
  const fault = movementFault(input);
  if (fault) throw badRequest(fault[0], fault[1]);
  const item = await materialItemsRegistry.row(db, actor, input.itemId).catch(() => {
    throw refNotFound("itemId", "物资");
  });
  if (input.incidentId) await incidentInScope(db, actor, input.incidentId).catch(() => { throw refNotFound("incidentId", "事件"); });
  const batch = input.batch ?? "";
  const ids = await db.transaction(async (tx) => {
    const from = await warehouseFor(tx, actor, input.warehouseId, "warehouseId", true);
    const to = input.toWarehouseId ? await warehouseFor(tx, actor, input.toWarehouseId, "toWarehouseId", false) : null;
    // Two balances are always locked in the same order, so two opposite transfers cannot deadlock.
    const keys = [from.id, ...(to ? [to.id] : [])].sort();
    const locked = new Map<string, Balance>();
    for (const w of keys) locked.set(w, await lockBalance(tx, w, item.id, batch));
    const common = { itemId: item.id, batch, reason: input.reason ?? null, incidentId: input.incidentId ?? null };
    const transferId = to ? crypto.randomUUID() : null;
    const src = locked.get(from.id)!;
    const moves = [await post(tx, actor, src, { ...common, kind: input.kind, warehouseId: from.id, delta: deltaOf(input.kind, input.quantity), expiresOn: input.expiresOn, transferId }, { warehouse: from.name, item: item.name })];
    if (to) {
      moves.push(await post(tx, actor, locked.get(to.id)!, { ...common, kind: "transfer", warehouseId: to.id, delta: Math.abs(input.quantity), expiresOn: src.expiresOn ?? undefined, transferId }, { warehouse: to.name, item: item.name }));
    }
    for (const m of moves) await recordAudit(tx, { ...auditBy(actor), action: `stock.${m.kind}`, entity: "stock_movement", entityId: m.id, after: m });
    await emitEvent(tx, { type: "stock.changed", unitPath: from.unitPath, data: { warehouseId: from.id, itemId: item.id } });
    if (to) await emitEvent(tx, { type: "stock.changed", unitPath: to.unitPath, data: { warehouseId: to.id, itemId: item.id } });
    return moves.map((m) => m.id);
  });
  return movementsByIds(db, ids);
}

const movementSelect = {
  m: stockMovements, warehouseName: warehouses.name, itemName: materialItems.name,
};

const presentMovement = (r: { m: typeof stockMovements.$inferSelect; warehouseName: string; itemName: string }): Movement => ({
  id: r.m.id, kind: r.m.kind as Movement["kind"], warehouseId: r.m.warehouseId, warehouseName: r.warehouseName, itemId: r.m.itemId, itemName: r.itemName,
  batch: r.m.batch, delta: Number(r.m.delta), reason: r.m.reason, incidentId: r.m.incidentId, inspectionId: r.m.inspectionId, transferId: r.m.transferId,
  balanceAfter: Number(r.m.balanceAfter), at: r.m.at.toISOString(), byName: r.m.byName,
});

async function movementsByIds(q: Q, ids: string[]): Promise<Movement[]> {
  const rows = await q.select(movementSelect).from(stockMovements).innerJoin(warehouses, eq(warehouses.id, stockMovements.warehouseId))
    .innerJoin(materialItems, eq(materialItems.id, stockMovements.itemId)).where(inArray(stockMovements.id, ids));
  return ids.map((id) => presentMovement(rows.find((r) => r.m.id === id)!));
}

export async function listMovements(q: Q, actor: Actor, query: { page: number; pageSize: number; warehouseId?: string; itemId?: string; kind?: string; incidentId?: string }) {
  const where: SQL[] = [warehousesRegistry.visible(actor)];
  if (query.warehouseId) where.push(eq(stockMovements.warehouseId, query.warehouseId));
  if (query.itemId) where.push(eq(stockMovements.itemId, query.itemId));
  if (query.kind) where.push(eq(stockMovements.kind, query.kind));
  if (query.incidentId) where.push(eq(stockMovements.incidentId, query.incidentId));
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    q.select(movementSelect).from(stockMovements).innerJoin(warehouses, eq(warehouses.id, stockMovements.warehouseId))
      .innerJoin(materialItems, eq(materialItems.id, stockMovements.itemId)).where(cond)
      .orderBy(desc(stockMovements.at), desc(stockMovements.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    q.select({ total: count() }).from(stockMovements).innerJoin(warehouses, eq(warehouses.id, stockMovements.warehouseId)).where(cond),
  ]);
  return { items: rows.map(presentMovement), total, page: query.page, pageSize: query.pageSize };
}

export async function listStock(q: Q, actor: Actor, config: Config, query: { page: number; pageSize: number; warehouseId?: string; itemId?: string; category?: string; q?: string; includeEmpty?: string }) {
  const where: SQL[] = [warehousesRegistry.visible(actor), eq(warehouses.active, true)];
  if (query.warehouseId) where.push(eq(stockBalances.warehouseId, query.warehouseId));
  if (query.itemId) where.push(eq(stockBalances.itemId, query.itemId));
  if (query.category) where.push(eq(materialItems.category, query.category));
  if (query.q) where.push(sql`(${materialItems.name} ilike ${`%${query.q}%`} or ${warehouses.name} ilike ${`%${query.q}%`})`);
  if (query.includeEmpty !== "true") where.push(sql`${stockBalances.quantity} > 0`);
  const cond = and(...where);
  const itemTotal = sql<string>`(select sum(b2.quantity) from stock_balances b2 where b2.warehouse_id = ${stockBalances.warehouseId} and b2.item_id = ${stockBalances.itemId})`;
  const from = () => q.select({
    b: stockBalances, warehouseName: warehouses.name, itemName: materialItems.name, category: materialItems.category, specification: materialItems.specification,
    measureUnit: materialItems.measureUnit, minimum: stockMinimums.minimum, itemTotal,
  }).from(stockBalances).innerJoin(warehouses, eq(warehouses.id, stockBalances.warehouseId)).innerJoin(materialItems, eq(materialItems.id, stockBalances.itemId))
    .leftJoin(stockMinimums, and(eq(stockMinimums.warehouseId, stockBalances.warehouseId), eq(stockMinimums.itemId, stockBalances.itemId)));
  const now = new Date();
  const [today, warnUntil] = [shanghaiDay(now), shanghaiDay(now, config.STOCK_EXPIRY_WARN_DAYS)];
  const [rows, [{ total }]] = await Promise.all([
    from().where(cond).orderBy(warehouses.name, materialItems.name, stockBalances.batch).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    q.select({ total: count() }).from(stockBalances).innerJoin(warehouses, eq(warehouses.id, stockBalances.warehouseId)).innerJoin(materialItems, eq(materialItems.id, stockBalances.itemId)).where(cond),
  ]);
  const items: StockLine[] = rows.map((r) => {
    const line = { itemTotal: Number(r.itemTotal), minimum: r.minimum === null ? null : Number(r.minimum), expiresOn: r.b.expiresOn, quantity: Number(r.b.quantity) };
    return {
      warehouseId: r.b.warehouseId, warehouseName: r.warehouseName, itemId: r.b.itemId, itemName: r.itemName, category: r.category, specification: r.specification,
      measureUnit: r.measureUnit, batch: r.b.batch, ...line, alerts: lineAlerts(line, today, warnUntil) as StockLine["alerts"], updatedAt: r.b.updatedAt.toISOString(),
    };
  });
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function setMinimum(db: Db, actor: Actor, input: { warehouseId: string; itemId: string; minimum: number }) {
  await db.transaction(async (tx) => {
    await warehousesRegistry.writableRow(tx, actor, input.warehouseId);
    await materialItemsRegistry.row(tx, actor, input.itemId).catch(() => { throw refNotFound("itemId", "物资"); });
    const [before] = await tx.select().from(stockMinimums).where(and(eq(stockMinimums.warehouseId, input.warehouseId), eq(stockMinimums.itemId, input.itemId)));
    if (input.minimum === 0) await tx.delete(stockMinimums).where(and(eq(stockMinimums.warehouseId, input.warehouseId), eq(stockMinimums.itemId, input.itemId)));
    else await tx.insert(stockMinimums).values({ ...input }).onConflictDoUpdate({ target: [stockMinimums.warehouseId, stockMinimums.itemId], set: { minimum: input.minimum, updatedAt: new Date() } });
    await recordAudit(tx, { ...auditBy(actor), action: "stock.minimum", entity: "warehouse", entityId: input.warehouseId, before: before ?? null, after: input });
  });
  return { ok: true as const };
}

/** Below minimum, expiring or expired batches, warehouses not inspected: what needs doing. */
export async function stockAlerts(q: Q, actor: Actor, config: Config, query: { expiringDays?: number; inspectionDays?: number; warehouseId?: string }): Promise<StockAlert[]> {
  const now = new Date();
  const today = shanghaiDay(now);
  const warnUntil = shanghaiDay(now, query.expiringDays ?? config.STOCK_EXPIRY_WARN_DAYS);
  const inspectedBefore = new Date(now.getTime() - (query.inspectionDays ?? config.WAREHOUSE_INSPECTION_DAYS) * 86_400_000);
  const scope = and(warehousesRegistry.visible(actor), eq(warehouses.active, true), query.warehouseId ? eq(warehouses.id, query.warehouseId) : undefined);
  const [below, expiring, stale] = await Promise.all([
    q.select({ warehouseId: warehouses.id, warehouseName: warehouses.name, itemId: materialItems.id, itemName: materialItems.name, minimum: stockMinimums.minimum,
      quantity: sql<string>`coalesce((select sum(b.quantity) from stock_balances b where b.warehouse_id = ${stockMinimums.warehouseId} and b.item_id = ${stockMinimums.itemId}), 0)` })
      .from(stockMinimums).innerJoin(warehouses, eq(warehouses.id, stockMinimums.warehouseId)).innerJoin(materialItems, eq(materialItems.id, stockMinimums.itemId))
      .where(and(scope, sql`coalesce((select sum(b.quantity) from stock_balances b where b.warehouse_id = ${stockMinimums.warehouseId} and b.item_id = ${stockMinimums.itemId}), 0) < ${stockMinimums.minimum}`))
      .orderBy(warehouses.name, materialItems.name),
    q.select({ warehouseId: warehouses.id, warehouseName: warehouses.name, itemId: materialItems.id, itemName: materialItems.name, batch: stockBalances.batch, quantity: stockBalances.quantity, expiresOn: stockBalances.expiresOn })
      .from(stockBalances).innerJoin(warehouses, eq(warehouses.id, stockBalances.warehouseId)).innerJoin(materialItems, eq(materialItems.id, stockBalances.itemId))
      .where(and(scope, sql`${stockBalances.quantity} > 0`, sql`${stockBalances.expiresOn} <= ${warnUntil}`)).orderBy(stockBalances.expiresOn),
    q.select({ warehouseId: warehouses.id, warehouseName: warehouses.name, lastInspectedAt: warehouses.lastInspectedAt }).from(warehouses)
      .where(and(scope, sql`(${warehouses.lastInspectedAt} is null or ${warehouses.lastInspectedAt} < ${inspectedBefore})`)).orderBy(warehouses.name),
  ]);
  const none = { itemId: null, itemName: null, batch: null, quantity: null, minimum: null, expiresOn: null, lastInspectedAt: null };
  return [
    ...below.map((r) => ({ ...none, kind: "below_minimum" as const, warehouseId: r.warehouseId, warehouseName: r.warehouseName, itemId: r.itemId, itemName: r.itemName, quantity: Number(r.quantity), minimum: Number(r.minimum) })),
    ...expiring.map((r) => ({ ...none, kind: (r.expiresOn! < today ? "expired" : "expiring") as "expired" | "expiring", warehouseId: r.warehouseId, warehouseName: r.warehouseName, itemId: r.itemId, itemName: r.itemName, batch: r.batch, quantity: Number(r.quantity), expiresOn: r.expiresOn })),
    ...stale.map((r) => ({ ...none, kind: "not_inspected" as const, warehouseId: r.warehouseId, warehouseName: r.warehouseName, lastInspectedAt: r.lastInspectedAt?.toISOString() ?? null })),
  ];
}

/** An inspection (盘点): each counted line whose quantity differs is posted as an adjustment. */
export async function inspectWarehouse(db: Db, actor: Actor, warehouseId: string, input: CreateInspectionInput): Promise<Inspection> {
  const seen = new Set<string>();
  for (const [i, l] of input.lines.entries()) {
    const key = `${l.itemId}|${l.batch ?? ""}`;
    if (seen.has(key)) throw badRequest(`lines.${i}.itemId`, "同一物资批次重复");
    seen.add(key);
  }
  return db.transaction(async (tx) => {
    const wh = await warehousesRegistry.writableRow(tx, actor, warehouseId);
    const items = new Map<string, string>();
    for (const [i, l] of input.lines.entries()) {
      if (items.has(l.itemId)) continue;
      const item = await materialItemsRegistry.row(tx, actor, l.itemId).catch(() => { throw refNotFound(`lines.${i}.itemId`, "物资"); });
      items.set(l.itemId, item.name);
    }
    const lines = [];
    const balances: Balance[] = [];
    for (const l of [...input.lines].sort((a, b) => `${a.itemId}|${a.batch ?? ""}`.localeCompare(`${b.itemId}|${b.batch ?? ""}`))) {
      const b = await lockBalance(tx, warehouseId, l.itemId, l.batch ?? "");
      balances.push(b);
      const expected = Number(b.quantity);
      lines.push({ itemId: l.itemId, itemName: items.get(l.itemId)!, batch: l.batch ?? "", expected, counted: l.counted, difference: round3(l.counted - expected) });
    }
    const adjustments = lines.filter((l) => l.difference !== 0).length;
    const [ins] = await tx.insert(warehouseInspections).values({ warehouseId, byId: actor.id, byName: actor.displayName, note: input.note ?? null, lines, adjustments }).returning();
    for (const [i, l] of lines.entries()) {
      if (l.difference === 0) continue;
      await post(tx, actor, balances[i], { kind: "adjust", warehouseId, itemId: l.itemId, batch: l.batch, delta: l.difference, reason: "盘点差异", inspectionId: ins.id }, { warehouse: wh.name, item: l.itemName });
    }
    await tx.update(warehouses).set({ lastInspectedAt: ins.at }).where(eq(warehouses.id, warehouseId));
    await recordAudit(tx, { ...auditBy(actor), action: "warehouse.inspect", entity: "warehouse", entityId: warehouseId, after: ins });
    await emitEvent(tx, { type: "stock.changed", unitPath: wh.unitPath, data: { warehouseId } });
    return { id: ins.id, warehouseId, at: ins.at.toISOString(), byName: ins.byName, note: ins.note, lines, adjustments };
  });
}

export async function listInspections(q: Q, actor: Actor, warehouseId: string): Promise<Inspection[]> {
  await warehousesRegistry.row(q, actor, warehouseId);
  const rows = await q.select().from(warehouseInspections).where(eq(warehouseInspections.warehouseId, warehouseId)).orderBy(desc(warehouseInspections.at));
  return rows.map((r) => ({ id: r.id, warehouseId, at: r.at.toISOString(), byName: r.byName, note: r.note, lines: r.lines as Inspection["lines"], adjustments: r.adjustments }));
}

/** For the nearest search: warehouses holding at least `min` of an item (all batches). */
export function holdsCondition(itemId: string, min: number): SQL {
  return sql`(select coalesce(sum(b.quantity), 0) from stock_balances b where b.warehouse_id = ${warehouses.id} and b.item_id = ${itemId}) >= ${min}`;
}

/** How much of an item each of the warehouses holds, all batches. */
export async function heldQuantities(q: Q, itemId: string, warehouseIds: string[]): Promise<Map<string, number>> {
  if (warehouseIds.length === 0) return new Map();
  const rows = await q.select({ id: stockBalances.warehouseId, qty: sql<string>`sum(${stockBalances.quantity})` }).from(stockBalances)
    .where(and(eq(stockBalances.itemId, itemId), inArray(stockBalances.warehouseId, warehouseIds))).groupBy(stockBalances.warehouseId);
  return new Map(rows.map((r) => [r.id, Number(r.qty)]));
}
