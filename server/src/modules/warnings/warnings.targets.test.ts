/**
 * Finding 2 of the hardening issue: every target of a warning, however chosen (units, area,
 * roles), is clipped to the issuing unit's subtree — in the preview and in the release.
 * Enumerates the target kinds as a town issuer: an area circle and a polygon over the whole
 * district, units of a neighbour and of the district (as a stored draft may carry them), roles.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WarningArea, WarningPreview, WarningTargetSpec } from "@yingji/contracts";
import { buildTestApp, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";

let t: TestApp;
let town: Client;
let leader: Client;
let townPath: string;
const ids: Record<string, string> = {};

const noArea: WarningArea = { description: "x", polygons: [], circles: [], unitIds: [] };
/** 100 km around the district's centre: every unit of the demo district. */
const bigCircle: WarningArea = { description: "全区", polygons: [], circles: [{ lat: 31.65, lon: 120.0, radiusKm: 100 }], unitIds: [] };
const bigPolygon: WarningArea = { description: "全区", polygons: [[[31.3, 119.5], [31.3, 120.4], [32.0, 120.4], [32.0, 119.5], [31.3, 119.5]]], circles: [], unitIds: [] };
/** Around 牛塘镇 and its neighbours (31.70 N 119.90 E), 8 km: not 湖塘镇 itself, some of its villages maybe. */
const neighbourCircle: WarningArea = { description: "牛塘", polygons: [], circles: [{ lat: 31.70, lon: 119.88, radiusKm: 8 }], unitIds: [] };

const spec = (over: Partial<WarningTargetSpec> = {}): WarningTargetSpec => ({ unitIds: [], inArea: false, roles: [], channels: ["inapp"], ...over });

/** Every way of choosing targets; `stored` ones can only reach a draft through the database (a unit moved, an old draft). */
const choices = (): { name: string; targets: WarningTargetSpec; area: WarningArea; stored?: boolean }[] => [
  { name: "area circle of 100 km", targets: spec({ inArea: true }), area: bigCircle },
  { name: "area polygon over the district", targets: spec({ inArea: true }), area: bigPolygon },
  { name: "area circle over the neighbours", targets: spec({ inArea: true }), area: neighbourCircle },
  { name: "area circle with roles", targets: spec({ inArea: true, roles: ["duty_officer", "leader", "liaison"] }), area: bigCircle },
  { name: "own town and area", targets: spec({ unitIds: [ids.ownTown!], inArea: true }), area: bigCircle },
  { name: "a neighbour town's unit id", targets: spec({ unitIds: [ids.neighbour!] }), area: noArea, stored: true },
  { name: "the district's unit id with roles", targets: spec({ unitIds: [ids.district!], roles: ["duty_officer"] }), area: noArea, stored: true },
];

const draft = (targets: WarningTargetSpec, area: WarningArea) => ({
  level: "blue", incidentTypeId: null, headline: "湖塘镇预警", description: "x", instruction: "x", area,
  effectiveAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 86_400_000).toISOString(), public: false, targets,
});

async function outsidePaths(table: "warning_targets" | "warning_deliveries", warningId: string) {
  const { rows } = await t.db.execute<{ path: string }>(sql.raw(`select distinct unit_path::text as path from ${table}
    where warning_id = '${warningId}' and not unit_path <@ '${townPath}'::ltree`));
  return rows.map((r) => r.path);
}

beforeAll(async () => {
  t = await buildTestApp({ WARNING_WORKERS: "false", WARNING_FEEDS_POLL: "false" });
  town = await loginAs(t.app, "town");
  leader = await loginAs(t.app, "leader");
  ids.ownTown = await unitId(t.db, "湖塘镇");
  ids.neighbour = await unitId(t.db, "牛塘镇");
  ids.district = await unitId(t.db, "武进区");
  townPath = (await t.db.execute<{ p: string }>(sql`select path::text as p from org_units where id = ${ids.ownTown}`)).rows[0]!.p;
});
afterAll(() => t?.close());

describe("targets of a town's warning", () => {
  it("preview only the town's own units and people, for every choice the preview accepts", async () => {
    for (const c of choices().filter((x) => !x.stored)) {
      const res = await town.post("/api/warnings/preview", { targets: c.targets, area: c.area });
      expect(res.statusCode, c.name).toBe(200);
      const p: WarningPreview = res.json();
      expect(p.towns.map((x) => x.unitId), c.name).toEqual(p.units === 0 ? [] : [ids.ownTown]);
    }
    // The whole-district circle reaches the town's villages (the clip keeps what is the town's).
    expect(((await town.post("/api/warnings/preview", { targets: spec({ inArea: true }), area: bigCircle })).json() as WarningPreview).units).toBeGreaterThan(0);
  });

  it("refuse unit ids outside the town in the preview and in a draft (404)", async () => {
    for (const unit of [ids.neighbour!, ids.district!]) {
      expect((await town.post("/api/warnings/preview", { targets: spec({ unitIds: [unit] }), area: noArea })).statusCode).toBe(404);
      expect((await town.post("/api/warnings", draft(spec({ unitIds: [unit] }), noArea))).statusCode).toBe(404);
      expect((await town.post("/api/warnings", draft(spec(), { ...noArea, unitIds: [unit] }))).statusCode).toBe(404);
    }
  });

  it("let a district editor of the town's draft add no unit outside the town (404)", async () => {
    const admin = await loginAs(t.app, "admin");
    const w = (await town.post("/api/warnings", draft(spec({ unitIds: [ids.ownTown!] }), noArea))).json();
    const res = await admin.patch(`/api/warnings/${w.id}`, { version: w.version, targets: spec({ unitIds: [ids.neighbour!] }) });
    expect(res.statusCode).toBe(404);
  });

  it("release to nobody outside the town, and the draft's preview says the same, for every choice", async () => {
    for (const c of choices()) {
      const created = await town.post("/api/warnings", draft(c.stored ? spec({ unitIds: [ids.ownTown!] }) : c.targets, c.area));
      expect(created.statusCode, c.name).toBe(201);
      const id = created.json().id as string;
      if (c.stored) await t.db.execute(sql`update warnings set targets = ${JSON.stringify(c.targets)}::jsonb where id = ${id}`);
      const version = (await town.get(`/api/warnings/${id}`)).json().version;
      expect((await town.post(`/api/warnings/${id}/submit`, { version })).statusCode, c.name).toBe(200);
      // The approver (district) previews the draft: what the town's release reaches, not the district's.
      const preview: WarningPreview = (await leader.get(`/api/warnings/${id}/preview`)).json();
      expect(preview.towns.map((x) => x.unitId), c.name).toEqual(preview.units === 0 ? [] : [ids.ownTown]);
      const released = await leader.post(`/api/warnings/${id}/approve`, { version: version + 1 });
      // A choice that reaches nothing inside the town is not released at all (422 no_targets).
      expect([200, 422], `${c.name}: ${released.body}`).toContain(released.statusCode);
      expect(released.statusCode === 200, c.name).toBe(preview.units > 0);
      expect(await outsidePaths("warning_targets", id), c.name).toEqual([]);
      expect(await outsidePaths("warning_deliveries", id), c.name).toEqual([]);
    }
  });
});
