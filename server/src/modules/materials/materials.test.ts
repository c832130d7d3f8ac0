/**
 * Material reserves: stock as the sum of movements (never below zero, no lost update under
 * concurrent movements), transfers, inspections posting differences, minimums and alerts,
 * requisition documents.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, countRows, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";

let t: TestApp;
let admin: Client;
let town: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginAs(t.app, "admin");
  town = await loginAs(t.app, "town");
  ids.town = await unitId(t.db, "湖塘镇");
  ids.sibling = await unitId(t.db, "牛塘镇");
  const wh = (name: string, unit: string, lat = 31.72) => admin.post("/api/warehouses", { unitId: unit, name, lat, lon: 119.97, kind: "government" }).then((r) => r.json().id as string);
  ids.a = await wh("测试甲库", ids.town);
  ids.b = await wh("测试乙库", ids.town, 31.73);
  ids.siblingWh = await wh("邻镇库", ids.sibling, 31.70);
  ids.item = (await admin.post("/api/material-items", { unitId: await unitId(t.db, "武进区"), name: "测试沙袋", category: "flood", measureUnit: "条" })).json().id;
});
afterAll(() => t?.close());

const move = (c: Client, body: Record<string, unknown>) => c.post("/api/stock-movements", { itemId: ids.item, ...body });
async function balance(warehouseId: string, batch = ""): Promise<number> {
  const { rows } = await t.db.execute<{ q: string }>(sql`select quantity as q from stock_balances where warehouse_id = ${warehouseId} and item_id = ${ids.item} and batch = ${batch}`);
  return Number(rows[0]?.q ?? 0);
}
async function sumOfMovements(warehouseId: string, batch = ""): Promise<number> {
  const { rows } = await t.db.execute<{ s: string }>(sql`select coalesce(sum(delta), 0) as s from stock_movements where warehouse_id = ${warehouseId} and item_id = ${ids.item} and batch = ${batch}`);
  return Number(rows[0].s);
}

describe("stock movements", () => {
  it("keeps stock equal to the sum of movements through in, out and adjust", async () => {
    expect((await move(town, { kind: "in", warehouseId: ids.a, quantity: 100 })).statusCode).toBe(201);
    const out = await move(town, { kind: "out", warehouseId: ids.a, quantity: 30, reason: "防汛抢险" });
    expect(out.statusCode).toBe(201);
    expect(out.json()[0]).toMatchObject({ kind: "out", delta: -30, balanceAfter: 70, itemName: "测试沙袋" });
    expect((await move(town, { kind: "adjust", warehouseId: ids.a, quantity: -2.5, reason: "破损" })).statusCode).toBe(201);
    expect(await balance(ids.a)).toBe(67.5);
    expect(await sumOfMovements(ids.a)).toBe(67.5);
    const stock = (await town.get(`/api/stock?warehouseId=${ids.a}`)).json().items;
    expect(stock).toEqual([expect.objectContaining({ itemName: "测试沙袋", quantity: 67.5, itemTotal: 67.5, measureUnit: "条" })]);
  });

  it("refuses a movement that would take stock below zero (422) and writes nothing", async () => {
    const before = [await countRows(t.db, "stock_movements"), await countRows(t.db, "audit_log"), await balance(ids.a)];
    const res = await move(town, { kind: "out", warehouseId: ids.a, quantity: 1000, reason: "超量" });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("stock_negative");
    expect(res.json().error.details).toMatchObject({ available: 67.5, requested: 1000 });
    const neverStocked = await move(town, { kind: "out", warehouseId: ids.b, quantity: 1, batch: "无此批次" });
    expect(neverStocked.statusCode).toBe(422);
    expect([await countRows(t.db, "stock_movements"), await countRows(t.db, "audit_log"), await balance(ids.a)]).toEqual(before);
    expect(await balance(ids.b, "无此批次")).toBe(0);
    const { rows } = await t.db.execute(sql`select 1 from stock_balances where warehouse_id = ${ids.b} and batch = '无此批次'`);
    expect(rows).toHaveLength(0);
  });

  it("refuses inconsistent movements with the field named", async () => {
    expect((await move(town, { kind: "out", warehouseId: ids.a, quantity: -5 })).json().error.message).toContain("quantity");
    expect((await move(town, { kind: "transfer", warehouseId: ids.a, quantity: 1 })).json().error.message).toContain("toWarehouseId");
    expect((await move(town, { kind: "adjust", warehouseId: ids.a, quantity: 1 })).json().error.message).toContain("reason");
    expect((await move(town, { kind: "in", warehouseId: ids.a, quantity: 0 })).statusCode).toBe(400);
    expect((await move(town, { kind: "in", warehouseId: ids.a, quantity: 1.0001 })).statusCode).toBe(400);
  });

  it("lets exactly as many of 20 concurrent outgoing movements through as there is stock, and loses no update", async () => {
    await move(admin, { kind: "in", warehouseId: ids.b, batch: "并发", quantity: 10 });
    const results = await Promise.all(Array.from({ length: 20 }, () => move(admin, { kind: "out", warehouseId: ids.b, batch: "并发", quantity: 1 })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    expect(codes.filter((c) => c === 422)).toHaveLength(10);
    expect(await balance(ids.b, "并发")).toBe(0);
    expect(await sumOfMovements(ids.b, "并发")).toBe(0);
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from stock_movements where warehouse_id = ${ids.b} and batch = '并发' and kind = 'out'`);
    expect(Number(rows[0].n)).toBe(10);
    // Each successful movement saw the one before it: balances after are 9, 8, …, 0.
    const after = (await t.db.execute<{ b: string }>(sql`select balance_after as b from stock_movements where warehouse_id = ${ids.b} and batch = '并发' and kind = 'out'`)).rows.map((r) => Number(r.b)).sort((x, y) => y - x);
    expect(after).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it("transfers between warehouses as two linked movements, with the batch's expiry", async () => {
    await move(town, { kind: "in", warehouseId: ids.a, batch: "2026-A", quantity: 10, expiresOn: "2030-01-01" });
    const res = await move(town, { kind: "transfer", warehouseId: ids.a, toWarehouseId: ids.b, batch: "2026-A", quantity: 4 });
    expect(res.statusCode).toBe(201);
    const [from, to] = res.json();
    expect([from.delta, to.delta]).toEqual([-4, 4]);
    expect(from.transferId).toBe(to.transferId);
    expect([await balance(ids.a, "2026-A"), await balance(ids.b, "2026-A")]).toEqual([6, 4]);
    const line = (await town.get(`/api/stock?warehouseId=${ids.b}`)).json().items.find((l: { batch: string }) => l.batch === "2026-A");
    expect(line.expiresOn).toBe("2030-01-01");
    expect((await move(town, { kind: "transfer", warehouseId: ids.a, toWarehouseId: ids.b, batch: "2026-A", quantity: 7 })).statusCode).toBe(422);
    expect([await balance(ids.a, "2026-A"), await balance(ids.b, "2026-A")]).toEqual([6, 4]);
  });

  it("keeps movements append-only", async () => {
    await expect(t.db.execute(sql`update stock_movements set delta = 1000`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from stock_movements`)).rejects.toThrow();
  });

  it("lists movements newest first, within scope", async () => {
    const list = (await town.get(`/api/stock-movements?warehouseId=${ids.a}&pageSize=3`)).json();
    expect(list.items).toHaveLength(3);
    expect(list.items[0].at >= list.items[1].at).toBe(true);
    await move(admin, { kind: "in", warehouseId: ids.siblingWh, quantity: 5 });
    expect((await town.get(`/api/stock-movements?warehouseId=${ids.siblingWh}`)).json().total).toBe(0);
    expect((await move(town, { kind: "out", warehouseId: ids.siblingWh, quantity: 1 })).statusCode).toBe(404);
  });
});

describe("inspections", () => {
  it("posts each counted difference as an adjustment and records when the warehouse was inspected", async () => {
    const before = await balance(ids.a);
    const res = await town.post(`/api/warehouses/${ids.a}/inspections`, { note: "季度盘点", lines: [{ itemId: ids.item, counted: before - 1.5 }, { itemId: ids.item, batch: "2026-A", counted: 6 }] });
    expect(res.statusCode).toBe(201);
    const ins = res.json();
    expect(ins.adjustments).toBe(1);
    expect(ins.lines.find((l: { batch: string }) => l.batch === "")).toMatchObject({ expected: before, counted: before - 1.5, difference: -1.5 });
    expect(await balance(ids.a)).toBe(before - 1.5);
    expect(await sumOfMovements(ids.a)).toBe(before - 1.5);
    const adj = (await town.get(`/api/stock-movements?warehouseId=${ids.a}&kind=adjust`)).json().items[0];
    expect(adj).toMatchObject({ inspectionId: ins.id, delta: -1.5, reason: "盘点差异" });
    expect((await town.get(`/api/warehouses/${ids.a}`)).json().lastInspectedAt).toBe(ins.at);
    expect((await town.get(`/api/warehouses/${ids.a}/inspections`)).json()[0].id).toBe(ins.id);
  });

  it("counts a batch never recorded as found stock, and refuses the same batch twice", async () => {
    const res = await town.post(`/api/warehouses/${ids.a}/inspections`, { lines: [{ itemId: ids.item, batch: "盘盈", counted: 3 }] });
    expect(res.json().lines[0]).toMatchObject({ expected: 0, difference: 3 });
    expect(await balance(ids.a, "盘盈")).toBe(3);
    const twice = await town.post(`/api/warehouses/${ids.a}/inspections`, { lines: [{ itemId: ids.item, counted: 1 }, { itemId: ids.item, counted: 2 }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toContain("lines.1.itemId");
  });
});

describe("alerts", () => {
  it("flags an item below its minimum once an outgoing movement takes it there", async () => {
    await move(town, { kind: "in", warehouseId: ids.b, batch: "告警", quantity: 20 });
    expect((await town.request("PUT", "/api/stock/minimum", { warehouseId: ids.b, itemId: ids.item, minimum: 15 })).statusCode).toBe(200);
    const below = (a: { kind: string; warehouseId: string; itemId: string | null }) => a.kind === "below_minimum" && a.warehouseId === ids.b && a.itemId === ids.item;
    expect((await town.get("/api/stock/alerts")).json().some(below)).toBe(false);
    await move(town, { kind: "out", warehouseId: ids.b, batch: "告警", quantity: 10, reason: "调用" });
    const alert = (await town.get("/api/stock/alerts")).json().find(below);
    expect(alert).toMatchObject({ minimum: 15 });
    expect(alert.quantity).toBeLessThan(15);
    const line = (await town.get(`/api/stock?warehouseId=${ids.b}`)).json().items.find((l: { batch: string }) => l.batch === "告警");
    expect(line.alerts).toContain("below_minimum");
  });

  it("flags batches expiring within N days and warehouses not inspected for N days", async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await move(town, { kind: "in", warehouseId: ids.b, batch: "临期", quantity: 5, expiresOn: soon });
    const alerts = (await town.get("/api/stock/alerts")).json();
    expect(alerts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "expiring", warehouseId: ids.b, batch: "临期", expiresOn: soon })]));
    expect((await town.get("/api/stock/alerts?expiringDays=5")).json().some((a: { batch: string | null }) => a.batch === "临期")).toBe(false);
    // 乙库 was never inspected, 甲库 just was.
    expect(alerts.some((a: { kind: string; warehouseId: string }) => a.kind === "not_inspected" && a.warehouseId === ids.b)).toBe(true);
    expect(alerts.some((a: { kind: string; warehouseId: string }) => a.kind === "not_inspected" && a.warehouseId === ids.a)).toBe(false);
    expect((await town.get("/api/stock/alerts")).json().some((a: { warehouseId: string }) => a.warehouseId === ids.siblingWh)).toBe(false);
  });
});

describe("requisitions", () => {
  it("records a requisition, its compensation and attached documents", async () => {
    const created = await admin.post("/api/requisitions", {
      unitId: ids.town, name: "挖掘机 1 台", fromKind: "enterprise", fromParty: "某工程公司", requisitionedAt: "2026-07-01T08:00:00+08:00", valuation: 8000, outcome: "in_use",
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().compensationStatus).toBe("none");
    const id = created.json().id;
    const decided = await admin.patch(`/api/requisitions/${id}`, { version: 1, outcome: "returned", returnedAt: "2026-07-03T18:00:00+08:00", compensationDecided: 6000, compensationDecidedOn: "2026-07-10" });
    expect(decided.json()).toMatchObject({ outcome: "returned", compensationStatus: "decided" });
    const doc = await admin.request("POST", `/api/requisitions/${id}/documents`, Buffer.from("%PDF-1.4 receipt"), { "content-type": "application/pdf", "x-file-name": encodeURIComponent("征用清单.pdf") });
    expect(doc.statusCode).toBe(201);
    expect(doc.json().documents).toHaveLength(1);
    const file = await admin.get(`/api/files/${doc.json().documents[0]}`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe("%PDF-1.4 receipt");
    const paid = await admin.patch(`/api/requisitions/${id}`, { version: doc.json().version, compensationPaid: 6000, compensationPaidOn: "2026-07-20" });
    expect(paid.json().compensationStatus).toBe("paid");
    expect((await admin.patch(`/api/requisitions/${id}`, { version: doc.json().version, valuation: 1 })).statusCode).toBe(409);
    expect((await admin.patch(`/api/requisitions/${id}`, { version: paid.json().version, documents: ["00000000-0000-4000-8000-000000000009"] })).json().error.message).toContain("documents");
  });
});
