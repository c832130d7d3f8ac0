/**
 * Reporting without GPS: a report may name a place (a village or community) instead of a point;
 * it then lies at the place's coordinates, or its nearest unit above's, marked approximate.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, countRows, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";

let t: TestApp;
let village: Client, town: Client;
const ids: Record<string, string> = {};
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const base = (over: Record<string, unknown> = {}) => {
  const body: Record<string, unknown> = {
    title: "室内上报", typeId: ids.type, unitId: ids.village, occurredAt: ago(30), learnedAt: ago(20), level: "IV",
    figures: { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 }, body: "村口积水", reporterName: "联络员",
    ...over,
  };
  for (const [k, v] of Object.entries(body)) if (v === undefined) delete body[k];
  return body;
};

beforeAll(async () => {
  t = await buildTestApp();
  [village, town] = await Promise.all([loginAs(t.app, "village"), loginAs(t.app, "town")]);
  ids.village = await unitId(t.db, "马杭村");
  ids.sibling = await unitId(t.db, "卢家巷村");
  ids.town = await unitId(t.db, "湖塘镇");
  ids.type = (await t.db.execute<{ id: string }>(sql`select id from incident_types where parent_id is not null order by code limit 1`)).rows[0].id;
});
afterAll(() => t?.close());

async function unitPoint(id: string) {
  return (await t.db.execute<{ lat: number | null; lon: number | null; name: string }>(sql`select lat, lon, name from org_units where id = ${id}`)).rows[0];
}

describe("reporting without GPS", () => {
  it("does place a report with no coordinates at the officer's village (its town's point when it has none), approximate, named by the village", async () => {
    await t.db.execute(sql`update org_units set lat = null, lon = null where id = ${ids.village}`);
    const townPoint = await unitPoint(ids.town);
    expect(townPoint.lat).not.toBeNull();
    const res = await village.post("/api/incidents", base({ title: "无定位 1" }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      lat: townPoint.lat, lon: townPoint.lon, address: "马杭村", locationSource: "place", approximate: true, placeUnitId: ids.village,
    });
    // The list says the same.
    const list = (await village.get("/api/incidents?pageSize=200")).json();
    expect(list.items.find((i: { id: string }) => i.id === res.json().id)).toMatchObject({ locationSource: "place", approximate: true });
  });

  it("does use the chosen place's own coordinates and keep the landmark typed as the address", async () => {
    await t.db.execute(sql`update org_units set lat = 31.7123, lon = 119.9811 where id = ${ids.village}`);
    const res = await village.post("/api/incidents", base({ title: "无定位 2", placeUnitId: ids.village, address: "村委会东侧桥头" }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ lat: 31.7123, lon: 119.9811, address: "村委会东侧桥头", locationSource: "place", approximate: true });
  });

  it("does mark a point picked on the map approximate and a GPS point exact", async () => {
    const map = await village.post("/api/incidents", base({ title: "地图选点", lat: 31.71, lon: 119.96, locationSource: "map", address: "桥头" }));
    expect(map.statusCode).toBe(201);
    expect(map.json()).toMatchObject({ lat: 31.71, lon: 119.96, locationSource: "map", approximate: true, placeUnitId: null });
    const gps = await village.post("/api/incidents", base({ title: "GPS", lat: 31.71, lon: 119.96, address: "桥头" }));
    expect(gps.json()).toMatchObject({ locationSource: "gps", approximate: false });
  });

  it("does refuse half a point, a point-less non-place source, and a place outside the caller's scope, writing nothing", async () => {
    const before = await countRows(t.db, "incidents");
    for (const [over, field] of [[{ lat: 31.7 }, "lon"], [{ lon: 119.9 }, "lat"], [{ locationSource: "gps" }, "lat"], [{ locationSource: "nowhere" }, "locationSource"], [{ placeUnitId: "x" }, "placeUnitId"]] as const) {
      const res = await village.post("/api/incidents", base(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(JSON.stringify(res.json()), JSON.stringify(over)).toContain(field);
    }
    expect((await village.post("/api/incidents", base({ placeUnitId: ids.sibling }))).statusCode).toBe(404);
    expect((await village.post("/api/incidents", base({ placeUnitId: "00000000-0000-4000-8000-000000000000" }))).statusCode).toBe(400);
    expect(await countRows(t.db, "incidents")).toBe(before);
  });

  it("does answer 422 naming placeUnitId when neither the place nor any unit above it has coordinates", async () => {
    const chain = (await t.db.execute<{ id: string; lat: number | null; lon: number | null }>(sql`
      select a.id, a.lat, a.lon from org_units u join org_units a on a.path @> u.path where u.id = ${ids.village}`)).rows;
    try {
      await t.db.execute(sql`update org_units set lat = null, lon = null where id in (${sql.join(chain.map((c) => sql`${c.id}::uuid`), sql`, `)})`);
      const res = await town.post("/api/incidents", base({ title: "无坐标", placeUnitId: ids.village }));
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: "place_without_coordinates", details: { field: "placeUnitId" } });
    } finally {
      for (const c of chain) await t.db.execute(sql`update org_units set lat = ${c.lat}, lon = ${c.lon} where id = ${c.id}`);
    }
  });
});
