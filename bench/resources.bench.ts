/**
 * Resource figures (issue 5), with 100,000 generated resources (40,000 teams, 20,000 shelters,
 * 20,000 warehouses, 10,000 experts, 10,000 volunteers) over the district, on PostgreSQL and
 * on PGlite, measured in process through the service functions the routes call:
 *  - nearest 10 ready teams able to handle hazardous chemicals, from random points: p50 / p99,
 *    and the same query with index scans switched off (the ratio shows what the GiST index buys);
 *  - one map layer of 20,000 shelters in a bounding box as GeoJSON text, computed at every call
 *    (no kept answer), beside the same layer built the previous way (json_build_object per feature);
 *  - an all-or-nothing Excel import of 10,000 team rows.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { NearestQuery } from "@yingji/contracts";
import { loadConfig } from "../server/src/config.ts";
import { openPglite, openPostgres, type Database } from "../server/src/db/client.ts";
import type { Actor } from "../server/src/platform/auth/actor.ts";
import { inBBox } from "../server/src/platform/geo.ts";
import { importRows, sheetOf } from "../server/src/platform/registry.ts";
import { listIncidentTypes } from "../server/src/modules/incidents/incident-types.service.ts";
import { incidentInScope } from "../server/src/modules/incidents/incidents.service.ts";
import { mapLayer, nearest } from "../server/src/modules/map/map.service.ts";
import { sheltersRegistry } from "../server/src/modules/shelters/shelters.registry.ts";
import { teamsRegistry } from "../server/src/modules/teams/teams.registry.ts";
import { startCluster } from "../scripts/pg-cluster.ts";
import { seedBenchDistrict } from "./lib/seed.ts";
import { fmt, printTable, summarize } from "./lib/stats.ts";

const TEAMS = 40_000;
const SHELTERS = 20_000;
const WAREHOUSES = 20_000;
const EXPERTS = 10_000;
const VOLUNTEERS = 10_000;
const TOTAL = TEAMS + SHELTERS + WAREHOUSES + EXPERTS + VOLUNTEERS;
const NEAREST_RUNS = 300;
const NO_INDEX_RUNS = 20;
const LAYER_RUNS = 9;
const IMPORT_ROWS = 10_000;
const BBOX: [number, number, number, number] = [119.75, 31.45, 120.15, 31.85];

/** Points spread over the district's box, deterministic (a Halton-like sequence from g). */
const lat = (g: string) => sql.raw(`31.45 + (((${g})::bigint * 7919) % 10007) / 10007.0 * 0.4`);
const lon = (g: string) => sql.raw(`119.75 + (((${g})::bigint * 104729) % 10009) / 10009.0 * 0.4`);

async function seedResources(database: Database) {
  const db = database.db;
  const units = sql`(select array_agg(id order by path) ids from org_units where kind in ('town', 'subdistrict', 'zone', 'village', 'community')) u`;
  const unit = sql.raw("u.ids[1 + g % array_length(u.ids, 1)]");
  await db.execute(sql`insert into teams (unit_id, name, lat, lon, kind, readiness, capabilities, headcount)
    select ${unit}, '生成队伍' || g, ${lat("g")}, ${lon("g")}, (array['comprehensive','fire','hazmat','grassroots'])[1 + g % 4],
      (array['ready','ready','deployed','unavailable'])[1 + g % 4],
      case when g % 10 = 0 then (select array_agg(id) from incident_types where code in ('21100', '21300')) else (select array_agg(id) from incident_types where code = '11100') end, 20
    from generate_series(1, ${TEAMS}) g, ${units}`);
  await db.execute(sql`insert into shelters (unit_id, name, lat, lon, kind, shelter_class, usable_area, capacity, status, occupancy)
    select ${unit}, '生成场所' || g, ${lat("g + 50000")}, ${lon("g + 50000")}, 'park', 'III', 1500, 1000, (array['ready','open','full','closed'])[1 + g % 4], (g % 4) * 300
    from generate_series(1, ${SHELTERS}) g, ${units}`);
  await db.execute(sql`insert into warehouses (unit_id, name, lat, lon, kind)
    select ${unit}, '生成仓库' || g, ${lat("g + 80000")}, ${lon("g + 80000")}, 'government' from generate_series(1, ${WAREHOUSES}) g, ${units}`);
  await db.execute(sql`insert into experts (unit_id, name, lat, lon, level, availability)
    select ${unit}, '生成专家' || g, ${lat("g + 110000")}, ${lon("g + 110000")}, 'district', 'available' from generate_series(1, ${EXPERTS}) g, ${units}`);
  await db.execute(sql`insert into volunteers (unit_id, name, lat, lon, kind, availability)
    select ${unit}, '生成志愿者' || g, ${lat("g + 130000")}, ${lon("g + 130000")}, 'group', 'available' from generate_series(1, ${VOLUNTEERS}) g, ${units}`);
  await db.execute(sql`analyze`);
}

/**
 * The layer as it was built before (json_build_object per feature over every column of the
 * row): the baseline the computed layer is compared with, run in the same process.
 */
async function previousLayer(q: Database["db"], actor: Actor, bbox: [number, number, number, number], limit: number): Promise<string> {
  const { table } = sheltersRegistry;
  const rows = sql`select * from ${table} where ${and(sheltersRegistry.visible(actor), eq(table.active, true), sql`${table.lat} is not null`, inBBox(bbox, table.lat, table.lon))} limit ${limit + 1}`;
  const { rows: out } = await q.execute<{ features: string; n: number }>(sql`
    select coalesce(json_agg(json_build_object(
      'type', 'Feature',
      'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(r.lon, r.lat)),
      'properties', json_build_object('id', r.id, 'kind', 'shelters'::text, 'name', r.name, 'status', r.status, 'subkind', r.kind,
        'essentials', json_build_object('kind'::text, r.kind, 'shelterClass'::text, r.shelter_class, 'capacity'::text, r.capacity, 'occupancy'::text, r.occupancy),
        'href', '/shelters/'::text || r.id)
    )) filter (where r.rn <= ${limit}), '[]')::text as features, count(*)::int as n
    from (select t.*, row_number() over () as rn from (${rows}) t) r`);
  return `{"type":"FeatureCollection","features":${out[0].features},"truncated":${Number(out[0].n) > limit}}`;
}

async function adminActor(database: Database): Promise<Actor> {
  const { rows } = await database.db.execute<{ id: string; unit_id: string; path: string }>(sql`select u.id, u.unit_id, o.path::text as path from users u join org_units o on o.id = u.unit_id where u.username = 'admin'`);
  const r = rows[0];
  return {
    id: r.id, username: "admin", displayName: "bench", role: "admin", unitId: r.unit_id, unitName: "武进区", unitPath: r.path, personId: null,
    totpEnabled: false, mustChangePassword: false, mustEnrollTotp: false, sessionId: "bench", csrfToken: "bench", ip: "127.0.0.1",
  };
}

function points(n: number, seed: number): { lat: number; lon: number }[] {
  let s = seed;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  return Array.from({ length: n }, () => ({ lat: 31.5 + next() * 0.3, lon: 119.8 + next() * 0.3 }));
}

async function teamsWorkbook(rows: number): Promise<Buffer> {
  const spec = sheetOf(teamsRegistry.decl);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(spec.sheetName);
  ws.addRow(spec.columns.map((c) => c.header));
  const value: Record<string, (i: number) => string> = {
    name: (i) => `导入队伍${i}`, unit: (i) => ["湖塘镇", "牛塘镇", "洛阳镇", "遥观镇"][i % 4], lat: (i) => (31.5 + (i % 300) / 1000).toFixed(4), lon: (i) => (119.8 + (i % 290) / 1000).toFixed(4),
    kind: () => "综合性救援队伍", readiness: () => "待命", headcount: () => "20", leaderName: () => "张三", leaderPhone: () => "13800000000", capabilities: () => "危险化学品事故；火灾事故",
  };
  for (let i = 0; i < rows; i++) ws.addRow(spec.columns.map((c) => value[c.key]?.(i) ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function measure(database: Database, label: string, rows: Record<string, string | number>[]) {
  const actor = await adminActor(database);
  const db = database.db;
  const hazmat = (await db.execute<{ id: string }>(sql`select id from incident_types where code = '21100'`)).rows[0].id;
  const query = (p: { lat: number; lon: number }) => NearestQuery.parse({ lat: String(p.lat), lon: String(p.lon), kinds: "teams", limit: "10", ready: "true", incidentTypeId: hazmat });

  const warm = points(30, 7);
  for (const p of warm) await nearest(db, actor, query(p));
  const times: number[] = [];
  let found = 0;
  for (const p of points(NEAREST_RUNS, 42)) {
    const t0 = performance.now();
    const r = await nearest(db, actor, query(p));
    times.push(performance.now() - t0);
    found += r.results.teams?.length ?? 0;
  }
  const withIndex = summarize(times);
  // The same query with index scans off: a full scan and sort of every team.
  const slow: number[] = [];
  for (const p of points(NO_INDEX_RUNS, 99)) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_indexscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      const t0 = performance.now();
      await nearest(tx as never, actor, query(p));
      slow.push(performance.now() - t0);
    });
  }
  const noIndex = summarize(slow);
  rows.push({ figure: `nearest 10 ready hazmat teams, ${label}: p50 / p99 of ${NEAREST_RUNS}`, target: "p99 < 20 ms", value: `${fmt(withIndex.p50)} / ${fmt(withIndex.p99)} ms (${(found / NEAREST_RUNS).toFixed(1)} found)`, baseline: `${fmt(noIndex.p50)} / ${fmt(noIndex.p99)} ms without the index`, ratio: `${(noIndex.p50 / withIndex.p50).toFixed(0)}× faster` });

  // The computed layer and, alternating with it in the same process, the same layer built the previous way.
  const layerTimes: number[] = [];
  const previousTimes: number[] = [];
  let features = 0;
  for (let i = 0; i < LAYER_RUNS; i++) {
    let t0 = performance.now();
    await previousLayer(db, actor, BBOX, 20_000);
    previousTimes.push(performance.now() - t0);
    t0 = performance.now();
    const body = await mapLayer(db, actor, "shelters", { bbox: BBOX, limit: 20_000 });
    layerTimes.push(performance.now() - t0);
    features = (JSON.parse(body) as { features: unknown[] }).features.length;
    if (i === 0) rows.push({ figure: `  (layer payload, ${label})`, target: "-", value: `${(body.length / 1024 / 1024).toFixed(1)} MB JSON`, baseline: "-", ratio: "-" });
  }
  const layer = summarize(layerTimes);
  const previous = summarize(previousTimes);
  rows.push({
    figure: `map layer of ${features} shelters in a bbox, computed (query + JSON), ${label}: p50 / max of ${LAYER_RUNS}`, target: "< 300 ms", value: `${fmt(layer.p50)} / ${fmt(layer.max)} ms`,
    baseline: `${fmt(previous.p50)} / ${fmt(previous.max)} ms by json_build_object (before)`, ratio: `${(previous.p50 / layer.p50).toFixed(1)}× faster`,
  });

  const file = await teamsWorkbook(IMPORT_ROWS);
  const config = loadConfig({ LOG_LEVEL: "silent", SESSION_SECRET: "bench-secret-0123456789abcdef0123456789abcdef", DATA_DIR: tmpdir() });
  const t0 = performance.now();
  const result = await importRows(db, teamsRegistry, actor, { incidentTypes: listIncidentTypes, incidentInScope }, config, file);
  const seconds = (performance.now() - t0) / 1000;
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
  rows.push({ figure: `Excel import of ${IMPORT_ROWS} team rows (${(file.length / 1024).toFixed(0)} KB), ${label}`, target: "< 30 s", value: `${seconds.toFixed(1)} s, ${result.written} written`, baseline: "-", ratio: "-" });
}

export async function benchResources() {
  const rows: Record<string, string | number>[] = [];
  let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
  try {
    cluster = await startCluster();
  } catch (e) {
    rows.push({ figure: "resources on PostgreSQL", target: "-", value: `skipped: ${(e as Error).message.split("\n")[0]}`, baseline: "-", ratio: "-" });
  }
  if (cluster) {
    try {
      const database = await openPostgres(cluster.url, 10);
      await seedBenchDistrict(database, 0);
      const s0 = performance.now();
      await seedResources(database);
      rows.push({ figure: `generating ${TOTAL} resources, PostgreSQL`, target: "-", value: `${((performance.now() - s0) / 1000).toFixed(1)} s`, baseline: "-", ratio: "-" });
      await measure(database, "PostgreSQL", rows);
      await database.close();
    } finally {
      await cluster.stop();
    }
  }
  const dataDir = mkdtempSync(join(tmpdir(), "yj-bench-res-"));
  try {
    const database = await openPglite(dataDir);
    await seedBenchDistrict(database, 0);
    const s0 = performance.now();
    await seedResources(database);
    rows.push({ figure: `generating ${TOTAL} resources, PGlite`, target: "-", value: `${((performance.now() - s0) / 1000).toFixed(1)} s`, baseline: "-", ratio: "-" });
    await measure(database, "PGlite", rows);
    await database.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  printTable(`Resources: ${TOTAL} resources over the district`, rows);
}
