/** The one map: nearest search (order, filters, the GiST index in the plan), layers with bbox and filters, the offline base. */
import { distanceM, NearestQuery } from "@yingji/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { nearestQuery } from "../../platform/registry.ts";
import { teamsRegistry } from "../teams/teams.registry.ts";
import { contains } from "./map.rules.ts";
import { nearestFilters } from "./map.service.ts";

let t: TestApp;
let admin: Client;
const ids: Record<string, string> = {};
// A point in the middle of nowhere in the district, so the test's rows are the nearest.
const P = { lat: 31.5, lon: 119.83 };
const at = (dKm: number, bearingDeg = 90) => ({ lat: P.lat + (dKm / 111.2) * Math.cos((bearingDeg * Math.PI) / 180), lon: P.lon + (dKm / (111.2 * Math.cos((P.lat * Math.PI) / 180))) * Math.sin((bearingDeg * Math.PI) / 180) });

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginAs(t.app, "admin");
  ids.town = await unitId(t.db, "湖塘镇");
  ids.district = await unitId(t.db, "武进区");
  const type = async (code: string) => (await t.db.execute<{ id: string }>(sql`select id from incident_types where code = ${code}`)).rows[0].id;
  [ids.hazmat, ids.industrial, ids.fire] = [await type("21100"), await type("21000"), await type("21300")];
});
afterAll(() => t?.close());

const post = async (key: string, body: Record<string, unknown>) => {
  const res = await admin.post(`/api/${key}`, { unitId: ids.town, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

describe("nearest", () => {
  it("lists the nearest first with their straight-line distance", async () => {
    for (const [i, d] of [4, 1, 3, 2].entries()) await post("teams", { name: `近邻队${d}`, kind: "comprehensive", readiness: "ready", ...at(d, i * 90) });
    const res = await admin.get(`/api/map/nearest?lat=${P.lat}&lon=${P.lon}&kinds=teams&limit=4`);
    expect(res.statusCode).toBe(200);
    const hits = res.json().results.teams;
    expect(hits.map((h: { name: string }) => h.name)).toEqual(["近邻队1", "近邻队2", "近邻队3", "近邻队4"]);
    for (const h of hits) expect(Math.abs(h.distanceM - distanceM(P.lat, P.lon, h.lat, h.lon))).toBeLessThan(2);
    expect(hits[0].distanceM).toBeGreaterThan(950);
    expect(hits[0].distanceM).toBeLessThan(1050);
    expect(hits[0].href).toBe(`/teams/${hits[0].id}`);
  });

  it("finds ready teams able to handle an incident type, directly or by its category", async () => {
    const deployed = await post("teams", { name: "出动危化队", kind: "hazmat", readiness: "deployed", capabilities: [ids.hazmat], ...at(0.2) });
    const wrongType = await post("teams", { name: "消防队", kind: "fire", readiness: "ready", capabilities: [ids.fire], ...at(0.3) });
    const direct = await post("teams", { name: "待命危化队", kind: "hazmat", readiness: "ready", capabilities: [ids.hazmat], ...at(5) });
    const byCategory = await post("teams", { name: "工贸事故队", kind: "comprehensive", readiness: "ready", capabilities: [ids.industrial], ...at(6) });
    const hits = (await admin.get(`/api/map/nearest?lat=${P.lat}&lon=${P.lon}&kinds=teams&ready=true&incidentTypeId=${ids.hazmat}&limit=50`)).json().results.teams;
    const found = hits.map((h: { id: string }) => h.id);
    expect(found.slice(0, 2)).toEqual([direct.id, byCategory.id]);
    expect(found).not.toContain(deployed.id);
    expect(found).not.toContain(wrongType.id);
    expect(hits.every((h: { status: string }) => h.status === "ready")).toBe(true);
    const unknown = await admin.get(`/api/map/nearest?lat=${P.lat}&lon=${P.lon}&kinds=teams&incidentTypeId=00000000-0000-4000-8000-000000000009`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain("incidentTypeId");
  });

  it("finds warehouses holding at least N of an item, and shelters with N free places", async () => {
    const item = (await admin.post("/api/material-items", { unitId: ids.district, name: "近邻救生衣", category: "flood", measureUnit: "件" })).json().id;
    const small = await post("warehouses", { name: "近小库", kind: "government", ...at(0.5) });
    const big = await post("warehouses", { name: "远大库", kind: "government", ...at(7) });
    await admin.post("/api/stock-movements", { kind: "in", warehouseId: small.id, itemId: item, quantity: 5 });
    await admin.post("/api/stock-movements", { kind: "in", warehouseId: big.id, itemId: item, quantity: 30 });
    await admin.post("/api/stock-movements", { kind: "in", warehouseId: big.id, itemId: item, batch: "二批", quantity: 20 });
    const wh = (await admin.get(`/api/map/nearest?lat=${P.lat}&lon=${P.lon}&kinds=warehouses&itemId=${item}&minQuantity=10`)).json().results.warehouses;
    expect(wh.map((w: { id: string; quantity: number }) => [w.id, w.quantity])).toEqual([[big.id, 50]]);
    const any = (await admin.get(`/api/map/nearest?lat=${P.lat}&lon=${P.lon}&kinds=warehouses&itemId=${item}`)).json().results.warehouses;
    expect(any.map((w: { id: string }) => w.id)).toEqual([small.id, big.id]);

    const full = await post("shelters", { name: "近满场所", kind: "square", shelterClass: "III", usableArea: 150, ...at(0.4) });
    await admin.post(`/api/shelters/${full.id}/status`, { status: "open", occupancy: 100 });
    const roomy = await post("shelters", { name: "远宽场所", kind: "park", shelterClass: "II", usableArea: 3000, ...at(3) });
    const sh = (await admin.get(`/api/map/nearest?lat=${P.lat}&lon=${P.lon}&kinds=shelters,warehouses&minFreeCapacity=500&limit=3`)).json().results;
    expect(sh.shelters[0]).toMatchObject({ id: roomy.id, quantity: 2000 });
    expect(sh.shelters.some((s: { id: string }) => s.id === full.id)).toBe(false);
    expect(sh.warehouses[0].id).toBe(small.id);
  });

  it("refuses a bad point or kind with the field named", async () => {
    for (const [q, field] of [["lat=95&lon=119.9", "lat"], ["lat=31.7&lon=x", "lon"], ["lat=31.7&lon=119.9&kinds=teams,castles", "kinds"], ["lat=31.7&lon=119.9&limit=1000", "limit"]]) {
      const res = await admin.get(`/api/map/nearest?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.message).toContain(field);
    }
  });

  it("uses the GiST index for the nearest query with its filters", async () => {
    // Enough rows for the planner to prefer the index over a scan.
    await t.db.execute(sql`insert into teams (unit_id, name, lat, lon, kind, readiness, capabilities)
      select ${ids.district}::uuid, '批量队' || g, 31.45 + (g % 400) * 0.001, 119.75 + (g / 400) * 0.02, 'comprehensive',
        case when g % 3 = 0 then 'deployed' else 'ready' end, case when g % 5 = 0 then array[${ids.hazmat}]::uuid[] else '{}'::uuid[] end
      from generate_series(1, 6000) g`);
    await t.db.execute(sql`analyze teams`);
    const actor = { unitPath: "d320412" } as Actor;
    const query = NearestQuery.parse({ lat: "31.6", lon: "119.9", kinds: "teams", ready: "true", incidentTypeId: ids.hazmat });
    const { where } = await nearestFilters(t.db, "teams", query);
    for (const extra of [[], where]) {
      const built = nearestQuery(t.db, teamsRegistry, actor, { lat: 31.6, lon: 119.9 }, 10, extra).toSQL();
      const plan = t.database.pglite
        ? (await t.database.pglite.query<{ "QUERY PLAN": string }>(`explain ${built.sql}`, built.params as unknown[])).rows
        : (await t.database.pool!.query<{ "QUERY PLAN": string }>(`explain ${built.sql}`, built.params as unknown[])).rows;
      const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
      expect(text, text).toContain("teams_earth_gist");
      expect(text).toMatch(/Order By: .*<->/);
    }
  });
});

describe("layers", () => {
  it("answers GeoJSON points inside the bounding box, with the popup's essentials and link", async () => {
    const inside = await post("teams", { name: "框内队", kind: "water_rescue", readiness: "ready", lat: 31.6, lon: 119.95 });
    const outside = await post("teams", { name: "框外队", kind: "water_rescue", readiness: "ready", lat: 31.8, lon: 120.1 });
    const res = await admin.get("/api/map/layers/teams?bbox=119.9,31.55,120.0,31.65&kind=water_rescue");
    expect(res.statusCode).toBe(200);
    const fc = res.json();
    expect(fc.type).toBe("FeatureCollection");
    const ids_ = fc.features.map((f: { properties: { id: string } }) => f.properties.id);
    expect(ids_).toContain(inside.id);
    expect(ids_).not.toContain(outside.id);
    const f = fc.features.find((x: { properties: { id: string } }) => x.properties.id === inside.id);
    expect(f.geometry).toEqual({ type: "Point", coordinates: [119.95, 31.6] });
    expect(f.properties).toMatchObject({ kind: "teams", name: "框内队", status: "ready", subkind: "water_rescue", href: `/teams/${inside.id}` });
    expect(f.properties.essentials).toMatchObject({ kind: "water_rescue", readiness: "ready" });
    for (const feature of fc.features) {
      const [lon, lat] = feature.geometry.coordinates;
      expect(lon >= 119.9 && lon <= 120.0 && lat >= 31.55 && lat <= 31.65).toBe(true);
      expect(feature.properties.subkind).toBe("water_rescue");
    }
  });

  it("serves every kind, incidents included", async () => {
    const type = (await t.db.execute<{ id: string }>(sql`select id from incident_types where code = '21300'`)).rows[0].id;
    const now = new Date(Date.now() - 60_000).toISOString();
    const incident = (await admin.post("/api/incidents", {
      title: "地图上的火灾", typeId: type, unitId: ids.town, lat: 31.71, lon: 119.96, address: "湖塘镇", occurredAt: now, learnedAt: now, level: "IV",
      figures: { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 }, body: "x", reporterName: "x",
    })).json();
    for (const kind of ["teams", "experts", "volunteers", "warehouses", "shelters", "incidents"]) {
      const res = await admin.get(`/api/map/layers/${kind}`);
      expect(res.statusCode, kind).toBe(200);
      expect(res.json().features.length, kind).toBeGreaterThan(0);
    }
    const inc = (await admin.get("/api/map/layers/incidents?bbox=119.9,31.65,120.0,31.75")).json().features;
    expect(inc.map((f: { properties: { id: string } }) => f.properties.id)).toContain(incident.id);
  });

  it("refuses a bad bbox, kind or filter with a clear message", async () => {
    expect((await admin.get("/api/map/layers/castles")).statusCode).toBe(400);
    const bbox = await admin.get("/api/map/layers/teams?bbox=120,31,119,32");
    expect(bbox.statusCode).toBe(400);
    expect(bbox.json().error.message).toContain("bbox");
    const filter = await admin.get("/api/map/layers/teams?readiness=asleep");
    expect(filter.statusCode).toBe(400);
    expect(filter.json().error.message).toContain("readiness");
  });
});

describe("base layer", () => {
  it("draws the district around every town and one cell per town holding its centre", async () => {
    const base = (await admin.get("/api/map/base")).json();
    const { rows: towns } = await t.db.execute<{ name: string; lat: number; lon: number }>(sql`select name, lat, lon from org_units where nlevel(path) = 2 and kind in ('town', 'subdistrict', 'zone')`);
    expect(base.towns.features).toHaveLength(towns.length);
    const outline = base.district.geometry.coordinates[0];
    expect(outline[0]).toEqual(outline[outline.length - 1]);
    for (const town of towns) {
      const p: [number, number] = [Number(town.lon), Number(town.lat)];
      expect(contains(outline, p)).toBe(true);
      const cell = base.towns.features.find((f: { properties: { name: string } }) => f.properties.name === town.name);
      expect(contains(cell.geometry.coordinates[0], p), town.name).toBe(true);
    }
    expect(base.center).toEqual([31.7, 119.94]);
    expect(base.tileDatum).toBe("wgs84");
    expect(base.tileUrl).toBeUndefined();
  });
});
