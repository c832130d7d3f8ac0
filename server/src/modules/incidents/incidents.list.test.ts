/** The list's count stops at TOTAL_CAP: exact below it, "at least" beyond. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";
import { TOTAL_CAP } from "./incidents.service.ts";
import { keepRecentMonths } from "./incidents.stats.ts";

let t: TestApp;
let duty: Client;
let town: Client;

beforeAll(async () => {
  t = await buildTestApp();
  [duty, town] = await Promise.all([loginAs(t.app, "duty"), loginAs(t.app, "town")]);
  const village = await unitId(t.db, "马杭村");
  const sibling = await unitId(t.db, "鸣凰村");
  // TOTAL_CAP + 5 incidents of one village, 3 of another village of the same town: generated, not posted.
  await t.db.execute(sql`
    insert into incidents (title, type_id, lat, lon, address, occurred_at, learned_at, level, initial_level, unit_id, unit_path, recorded_by_unit_id)
    select '生成 ' || g, (select id from incident_types where parent_id is not null limit 1), 31.7, 119.9, '地址',
      now() - make_interval(mins => g), now() - make_interval(mins => g), 'IV', 'IV', u.id, u.path, u.id
    from generate_series(1, ${TOTAL_CAP + 5}) g, org_units u where u.id = ${village}
    union all
    select '兄弟村 ' || g, (select id from incident_types where parent_id is not null limit 1), 31.7, 119.9, '地址',
      now() - make_interval(mins => g), now() - make_interval(mins => g), 'III', 'III', u.id, u.path, u.id
    from generate_series(1, 3) g, org_units u where u.id = ${sibling}`);
});
afterAll(() => t?.close());

describe("the list's count", () => {
  it("stops at the cap and says so, with the first page newest first", async () => {
    const res = await duty.get("/api/incidents?pageSize=20");
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page).toMatchObject({ total: TOTAL_CAP, totalCapped: true, page: 1, pageSize: 20 });
    expect(page.items).toHaveLength(20);
    expect(page.items[0].title).toMatch(/^(生成|兄弟村) 1$/);
  });

  it("is exact below the cap, for a filter and for a narrower scope", async () => {
    expect((await duty.get("/api/incidents?level=III")).json()).toMatchObject({ total: 3, totalCapped: false });
    expect((await town.get("/api/incidents?level=III&pageSize=2")).json()).toMatchObject({ total: 3, totalCapped: false, items: [{}, {}] });
  });
});

describe("on-time counts of ended months", () => {
  it("are computed once, kept, scoped by the reporting unit, and equal to a live count", async () => {
    const village = await unitId(t.db, "马杭村");
    const sibling = await unitId(t.db, "卢家巷村");
    // Reports of March 2024 (Asia/Shanghai), written directly: one late and one on time for 马杭村, one for 卢家巷村.
    const { rows: inc } = await t.db.execute<{ id: string; unit_id: string }>(sql`select id, unit_id from incidents where title in ('生成 1', '兄弟村 1')`);
    const incidentOf = (u: string) => inc.find((r) => r.unit_id === u)?.id ?? inc[0].id;
    const add = async (unit: string, number: number, at: string, late: boolean) => t.db.execute(sql`
      insert into incident_reports (incident_id, kind, number, suggested_level, body, reporter_name, unit_id, unit_path, submitted_at, submitted_by, due_at, late)
      select ${incidentOf(unit)}, 'followup', ${number}, 'IV', '历史', '联络员', u.id, u.path, ${at}::timestamptz, (select id from users limit 1), ${at}::timestamptz, ${late}
      from org_units u where u.id = ${unit}`);
    await add(village, 101, "2024-03-01T00:00:00+08:00", true);
    await add(village, 102, "2024-03-31T23:59:59+08:00", false);
    await add(sibling, 201, "2024-03-15T12:00:00+08:00", false);
    await add(village, 103, "2024-04-01T00:00:00+08:00", false);

    const march = (await duty.get("/api/incidents/stats?year=2024&month=3")).json().onTime;
    expect(march).toEqual(expect.arrayContaining([
      expect.objectContaining({ unitId: village, month: "2024-03", reports: 2, onTime: 1, rate: 0.5 }),
      expect.objectContaining({ unitId: sibling, month: "2024-03", reports: 1, onTime: 1 }),
    ]));
    expect(march).toHaveLength(2);
    const { rows: done } = await t.db.execute<{ month: string }>(sql`select month from incident_ontime_months_done order by month`);
    expect(done.map((r) => r.month)).toEqual(["2024-03"]);

    // The whole year keeps the other eleven months; a second read computes nothing new.
    const year = (await duty.get("/api/incidents/stats?year=2024")).json().onTime;
    expect(year.map((r: { month: string; unitId: string }) => `${r.month}:${r.unitId === village ? "v" : r.unitId === sibling ? "s" : "?"}`).sort()).toEqual(["2024-03:s", "2024-03:v", "2024-04:v"]);
    expect((await t.db.execute(sql`select 1 from incident_ontime_months_done`)).rows).toHaveLength(12);

    // The deadline worker keeps this year's and last year's ended months ahead of anyone asking.
    await keepRecentMonths(t.db, new Date("2025-02-10T00:00:00+08:00"));
    const kept = (await t.db.execute<{ month: string }>(sql`select month from incident_ontime_months_done where month >= '2024-01' order by month`)).rows.map((r) => r.month);
    expect(kept).toEqual([...Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, "0")}`), "2025-01"]);
    const aprilKept = await t.db.execute<{ reports: number }>(sql`select reports from incident_ontime_months where month = '2024-04' and unit_id = ${village}`);
    expect(aprilKept.rows.map((r) => Number(r.reports))).toEqual([1]);

    // A town sees the units of its subtree only.
    const townView = (await town.get("/api/incidents/stats?year=2024&month=3")).json().onTime;
    expect(townView.map((r: { unitId: string }) => r.unitId)).toEqual([village]);
    expect(townView.every((r: { unitId: string }) => r.unitId !== sibling)).toBe(true);
  });
});
