/** Shelters: capacity from area, status and occupancy (full at capacity), inspections, coverage per town. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, countRows, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";

let t: TestApp;
let admin: Client;
let town: Client;
let village: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp({ SHELTER_M2_PER_PERSON: "2" });
  admin = await loginAs(t.app, "admin");
  town = await loginAs(t.app, "town");
  village = await loginAs(t.app, "village");
  ids.town = await unitId(t.db, "湖塘镇");
  ids.village = await unitId(t.db, "马杭村");
});
afterAll(() => t?.close());

const shelter = (over: Record<string, unknown> = {}) => ({ unitId: ids.town, name: "测试广场", lat: 31.72, lon: 119.97, kind: "square", shelterClass: "II", usableArea: 1000, facilities: ["water", "toilets"], ...over });

describe("capacity", () => {
  it("is the usable area at the per-person setting unless overridden, and follows edits", async () => {
    const s = (await town.post("/api/shelters", shelter())).json();
    expect(s).toMatchObject({ capacity: 500, status: "ready", occupancy: 0, freeCapacity: 500 });
    const bigger = (await town.patch(`/api/shelters/${s.id}`, { version: s.version, usableArea: 1500 })).json();
    expect(bigger.capacity).toBe(750);
    const fixed = (await town.patch(`/api/shelters/${s.id}`, { version: bigger.version, capacityOverride: 300 })).json();
    expect(fixed.capacity).toBe(300);
    const back = (await town.patch(`/api/shelters/${s.id}`, { version: fixed.version, capacityOverride: null })).json();
    expect(back.capacity).toBe(750);
  });

  it("filters by facility and refuses an unknown one", async () => {
    await town.post("/api/shelters", shelter({ name: "有广播", facilities: ["broadcast"] }));
    const listed = (await town.get("/api/shelters?facilities=broadcast&pageSize=200")).json().items;
    expect(listed.every((s: { facilities: string[] }) => s.facilities.includes("broadcast"))).toBe(true);
    expect(listed.some((s: { name: string }) => s.name === "有广播")).toBe(true);
    const bad = await town.post("/api/shelters", shelter({ facilities: ["spa"] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("facilities");
  });
});

describe("status", () => {
  it("shows an open shelter as full when occupancy reaches capacity, and open again below it", async () => {
    const s = (await town.post("/api/shelters", shelter({ name: "开放广场", usableArea: 200 }))).json();
    const open = await town.post(`/api/shelters/${s.id}/status`, { status: "open", occupancy: 40 });
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ status: "open", occupancy: 40, freeCapacity: 60 });
    const full = (await town.post(`/api/shelters/${s.id}/status`, { status: "open", occupancy: 100 })).json();
    expect(full).toMatchObject({ status: "full", occupancy: 100, freeCapacity: 0 });
    const lower = (await town.post(`/api/shelters/${s.id}/status`, { status: "full", occupancy: 90 })).json();
    expect(lower).toMatchObject({ status: "open", occupancy: 90 });
    const closed = (await town.post(`/api/shelters/${s.id}/status`, { status: "closed" })).json();
    expect(closed).toMatchObject({ status: "closed", occupancy: 0 });
    const history = (await town.get(`/api/shelters/${s.id}/history`)).json().map((h: { action: string }) => h.action);
    expect(history).toEqual(["shelter.create", "shelter.status", "shelter.status", "shelter.status", "shelter.status"]);
  });

  it("lets a village liaison officer open a shelter of the village, not one of the town", async () => {
    const own = (await admin.post("/api/shelters", shelter({ name: "马杭村广场", unitId: ids.village }))).json();
    const townOne = (await admin.post("/api/shelters", shelter({ name: "镇广场" }))).json();
    expect((await village.post(`/api/shelters/${own.id}/status`, { status: "open", occupancy: 10 })).statusCode).toBe(200);
    expect((await village.post(`/api/shelters/${townOne.id}/status`, { status: "open", occupancy: 10 })).statusCode).toBe(403);
    // Status is reported through /status only: the form cannot type it over.
    const typed = await town.patch(`/api/shelters/${townOne.id}`, { version: 1, status: "full" });
    expect(typed.statusCode).toBe(400);
    expect(typed.json().error.message).toContain("status");
  });
});

describe("inspections", () => {
  it("records inspections, newest first, as append-only evidence", async () => {
    const s = (await town.post("/api/shelters", shelter({ name: "检查广场" }))).json();
    const first = await town.post(`/api/shelters/${s.id}/inspections`, { passed: false, findings: "应急照明损坏", facilitiesOk: ["water"] });
    expect(first.statusCode).toBe(201);
    const second = (await town.post(`/api/shelters/${s.id}/inspections`, { passed: true })).json();
    const list = (await town.get(`/api/shelters/${s.id}/inspections`)).json();
    expect(list.map((i: { id: string }) => i.id)).toEqual([second.id, first.json().id]);
    expect((await town.get(`/api/shelters/${s.id}`)).json().lastInspectedAt).toBe(second.at);
    await expect(t.db.execute(sql`delete from shelter_inspections`)).rejects.toThrow();
  });
});

describe("coverage", () => {
  it("puts each town's population against the capacity of its active shelters", async () => {
    const before = (await admin.get("/api/shelters/coverage")).json();
    expect(before.m2PerPerson).toBe(2);
    const hutang = before.towns.find((x: { name: string }) => x.name === "湖塘镇");
    const { rows } = await t.db.execute<{ c: number }>(sql`select coalesce(sum(capacity), 0)::int as c from shelters where active and unit_path <@ (select path from org_units where name = '湖塘镇')`);
    expect(hutang.capacity).toBe(Number(rows[0].c));
    expect(hutang.ratio).toBeCloseTo(hutang.capacity / hutang.population, 6);
    const s = (await town.post("/api/shelters", shelter({ name: "覆盖广场", usableArea: 20_000 }))).json();
    const after = (await admin.get("/api/shelters/coverage")).json().towns.find((x: { name: string }) => x.name === "湖塘镇");
    expect(after.capacity).toBe(hutang.capacity + 10_000);
    expect(after.shelters).toBe(hutang.shelters + 1);
    await town.delete(`/api/shelters/${s.id}`);
    expect((await admin.get("/api/shelters/coverage")).json().towns.find((x: { name: string }) => x.name === "湖塘镇").capacity).toBe(hutang.capacity);
    expect(before.total.population).toBe(before.towns.reduce((n: number, x: { population: number }) => n + x.population, 0));
  });

  it("shows a town only its own line", async () => {
    const lines = (await town.get("/api/shelters/coverage")).json().towns;
    expect(lines.map((x: { name: string }) => x.name)).toEqual(["湖塘镇"]);
    expect(await countRows(t.db, "shelters")).toBeGreaterThan(0);
  });
});
