/**
 * Incident figures (issue 3), on PostgreSQL with 1,000,000 generated reports over 5 years
 * (250,000 incidents × initial, two follow-ups, final), and the burst on PGlite beside it:
 *  - the duty board's first page (GET /api/incidents, district scope), 50 clients, p99;
 *  - the on-time statistics for a year (GET /api/incidents/stats?year=): the first read, then p50 / p99 of 20;
 *  - a burst of 300 initial reports at once (a typhoon), reports/s, and how many were
 *    announced (outbox rows, and those already published 2 s later).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { openPglite, openPostgres, type Database } from "../server/src/db/client.ts";
import { startCluster } from "../scripts/pg-cluster.ts";
import { runLoad } from "./lib/load.ts";
import { startChild, type Child } from "./lib/server.ts";
import { BENCH_PASSWORD, seedBenchDistrict } from "./lib/seed.ts";
import { fmt, printTable, summarize } from "./lib/stats.ts";

const INCIDENTS = 250_000;
const BURST = 300;
const SECRET = "bench-secret-0123456789abcdef0123456789abcdef";
export const SERVER_ENV = { SESSION_SECRET: SECRET, REQUIRE_2FA: "false", SERVE_WEB: "false", RATE_LIMIT_PER_MINUTE: "10000000", LOGIN_RATE_PER_MINUTE: "1000" };

/** Incidents spread over 5 years on every village, each with its four reports; 10 % of reports late. */
export async function seedIncidents(database: Database, incidents: number) {
  const db = database.db;
  await db.execute(sql`
    insert into incidents (title, type_id, lat, lon, address, occurred_at, learned_at, level, initial_level, status, response_ended_at,
      unit_id, unit_path, recorded_by_unit_id, exercise, initial_reported_at)
    select '生成事件 ' || g, t.ids[1 + g % array_length(t.ids, 1)], 31.6 + (g % 100) / 1000.0, 119.9 + (g % 97) / 1000.0, '生成地址',
      now() - make_interval(mins => (g * 10) % (5 * 365 * 24 * 60) + 60 * 24 * 10), now() - make_interval(mins => (g * 10) % (5 * 365 * 24 * 60) + 60 * 24 * 10 - 15),
      (array['IV','IV','IV','III','II'])[1 + g % 5], (array['IV','IV','IV','III','II'])[1 + g % 5], 'closed', now() - make_interval(mins => (g * 10) % (5 * 365 * 24 * 60) + 60 * 24 * 8),
      u.ids[1 + g % array_length(u.ids, 1)], u.paths[1 + g % array_length(u.ids, 1)], u.ids[1 + g % array_length(u.ids, 1)], g % 50 = 0,
      now() - make_interval(mins => (g * 10) % (5 * 365 * 24 * 60) + 60 * 24 * 10 - 15) + interval '30 minutes'
    from generate_series(1, ${incidents}) g,
      (select array_agg(id order by path) ids, array_agg(path order by path) paths from org_units where kind = 'village') u,
      (select array_agg(id order by code) ids from incident_types where parent_id is not null) t`);
  await db.execute(sql`
    insert into incident_reports (incident_id, kind, number, suggested_level, level, body, reporter_name, unit_id, unit_path, to_unit_id,
      submitted_at, submitted_by, due_at, late, response_ended, exercise)
    select i.id, (array['initial','followup','followup','final'])[n + 1], n, i.level, i.level, '生成报告', '联络员', i.unit_id, i.unit_path, o.parent_id,
      i.learned_at + make_interval(mins => 30 + n * 600), (select id from users where username = 'village'),
      i.learned_at + make_interval(mins => 60 + n * 600), (hashtext(i.id::text) + n) % 10 = 0, n = 3, i.exercise
    from incidents i join org_units o on o.id = i.unit_id, generate_series(0, 3) n`);
  await db.execute(sql`analyze`);
}

async function signIn(port: number, username: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const me = (await res.json()) as { csrfToken: string; unitId: string };
  return { cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; "), csrf: me.csrfToken, unitId: me.unitId };
}

export async function readFigures(server: Child, year: number) {
  const { cookie } = await signIn(server.port, "duty");
  const board = (i: number) => ({ url: `http://127.0.0.1:${server.port}/api/incidents?pageSize=50${i % 2 ? "" : "&level=III"}`, headers: { cookie } });
  await runLoad({ concurrency: 50, total: 200, request: board });
  const b = await runLoad({ concurrency: 50, total: 2000, request: board });
  if (b.errors) throw new Error(`board: ${b.errors} failed, the first: ${b.firstError}`);
  // The same page when every read must be computed: each request a filter nobody asked for yet
  // (what 50 screens of 50 different scopes or filters cost right after a change).
  const fresh = (i: number) => ({ url: `http://127.0.0.1:${server.port}/api/incidents?pageSize=50&from=${2000 + (i % 20)}-01-${String(1 + (Math.floor(i / 20) % 28)).padStart(2, "0")}`, headers: { cookie } });
  const u = await runLoad({ concurrency: 50, total: 500, request: fresh });
  if (u.errors) throw new Error(`board uncached: ${u.errors} failed, the first: ${u.firstError}`);
  const single = await runLoad({ concurrency: 1, total: 30, request: (i) => fresh(i + 500) });
  const statsUrl = () => ({ url: `http://127.0.0.1:${server.port}/api/incidents/stats?year=${year}`, headers: { cookie } });
  // The first read of a year (its ended months already kept by the deadline worker, as in a running system).
  const first = await runLoad({ concurrency: 1, total: 1, request: statsUrl });
  const stats = await runLoad({ concurrency: 1, total: 20, request: statsUrl });
  if (stats.errors || first.errors) throw new Error(`stats: ${stats.firstError ?? first.firstError}`);
  return { board: summarize(b.latencies), uncached: summarize(u.latencies), single: summarize(single.latencies), stats: summarize(stats.latencies), statsFirst: first.latencies[0] };
}

/** 300 initial reports sent at once (one connection each), with idempotency keys as the field app sends them. */
export async function burst(server: Child, typeId: string, outbox: Database | null, size = BURST) {
  const village = await signIn(server.port, "village");
  const created = async () => outbox
    ? (await outbox.db.execute<{ n: number; published: number }>(sql`select count(*)::int as n, count(published_at)::int as published from outbox_events where type = 'incident.created'`)).rows[0]
    : { n: 0, published: 0 };
  const before = await created();
  const at = new Date(Date.now() - 20 * 60_000).toISOString();
  const t0 = performance.now();
  const results = await Promise.all(Array.from({ length: size }, (_, i) => fetch(`http://127.0.0.1:${server.port}/api/incidents`, {
    method: "POST",
    headers: { cookie: village.cookie, "x-csrf-token": village.csrf, "content-type": "application/json", "idempotency-key": `burst-${Date.now()}-${i}` },
    body: JSON.stringify({
      title: `台风灾情 ${i}`, typeId, unitId: village.unitId, lat: 31.7, lon: 119.97, address: "村口", occurredAt: at, learnedAt: at, level: "IV",
      figures: { dead: 0, missing: 0, injured: i % 3, seriouslyInjured: 0, trapped: i % 5, directLoss: 10000 }, body: "房屋进水，已转移群众", reporterName: "联络员",
    }),
  }).then((r) => r.status)));
  const seconds = (performance.now() - t0) / 1000;
  const failed = results.filter((s) => s !== 201).length;
  await new Promise((r) => setTimeout(r, 2000));
  const after = await created();
  return { rate: size / seconds, failed, announced: Number(after.n) - Number(before.n), published: Number(after.published) - Number(before.published) };
}

/** The same load shapes against a bare Fastify route (no database): the floor of this machine right now. */
export async function bareFigures() {
  const bare = await startChild("bench/bare-server.ts", {});
  try {
    const url = `http://127.0.0.1:${bare.port}/people`;
    await runLoad({ concurrency: 50, total: 200, request: () => ({ url }) });
    const board = await runLoad({ concurrency: 50, total: 2000, request: () => ({ url }) });
    const single = await runLoad({ concurrency: 1, total: 20, request: () => ({ url }) });
    return { board: summarize(board.latencies), single: summarize(single.latencies) };
  } finally {
    await bare.stop();
  }
}

export async function benchIncidents() {
  const rows: Record<string, string | number>[] = [];
  const year = new Date().getFullYear() - 1;
  const bare = await bareFigures();

  let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
  try {
    cluster = await startCluster();
  } catch (e) {
    rows.push({ figure: "incidents on PostgreSQL", target: "-", value: `skipped: ${(e as Error).message.split("\n")[0]}`, baseline: "-", ratio: "-" });
  }
  if (cluster) {
    try {
      const database = await openPostgres(cluster.url, 10);
      await seedBenchDistrict(database, 0);
      const s0 = performance.now();
      await seedIncidents(database, INCIDENTS);
      rows.push({ figure: `generating ${INCIDENTS * 4} reports`, target: "-", value: `${((performance.now() - s0) / 1000).toFixed(1)} s`, baseline: "-", ratio: "-" });
      const server = await startChild("server/src/main.ts", { ...SERVER_ENV, DATABASE_URL: cluster.url, DEMO: "false" });
      // As in a running system, the deadline worker's first scan (5 s after start) keeps last year's
      // ended months; the figures are read once it has (and it does not run beside them).
      const w0 = performance.now();
      const kept = async () => Number((await database.db.execute<{ n: number }>(sql`select count(*)::int as n from incident_ontime_months_done where month like ${`${year}-%`}`)).rows[0].n);
      while ((await kept()) < 12 && performance.now() - w0 < 120_000) await new Promise((res) => setTimeout(res, 250));
      rows.push({ figure: `${year}'s ended months kept by the deadline worker (one pass over ~200,000 reports), after start`, target: "-", value: `${((performance.now() - w0) / 1000).toFixed(1)} s`, baseline: "-", ratio: "-" });
      const r = await readFigures(server, year);
      rows.push({ figure: "duty board first page (50), district scope, 50 clients: p50 / p99", target: "p99 < 50 ms", value: `${fmt(r.board.p50)} / ${fmt(r.board.p99)} ms`,
        baseline: `${fmt(bare.board.p50)} / ${fmt(bare.board.p99)} ms bare Fastify`, ratio: `${(r.board.p99 / bare.board.p99).toFixed(1)}×` });
      rows.push({ figure: "same page computed for every request (each a new filter), 50 clients: p50 / p99", target: "-", value: `${fmt(r.uncached.p50)} / ${fmt(r.uncached.p99)} ms`,
        baseline: `${fmt(bare.board.p50)} / ${fmt(bare.board.p99)} ms bare Fastify`, ratio: `${(r.uncached.p99 / bare.board.p99).toFixed(1)}×` });
      rows.push({ figure: "same page computed, one client: p50 / p99 of 30", target: "-", value: `${fmt(r.single.p50)} / ${fmt(r.single.p99)} ms`,
        baseline: `${fmt(bare.single.p50)} / ${fmt(bare.single.p99)} ms bare`, ratio: `${(r.single.p50 / bare.single.p50).toFixed(0)}×` });
      rows.push({ figure: `on-time statistics for ${year}: the first read`, target: "< 500 ms", value: `${fmt(r.statsFirst)} ms`, baseline: "-", ratio: "-" });
      rows.push({ figure: `on-time statistics for ${year}: p50 / p99 of the next 20`, target: "< 500 ms", value: `${fmt(r.stats.p50)} / ${fmt(r.stats.p99)} ms`,
        baseline: `${fmt(bare.single.p50)} / ${fmt(bare.single.p99)} ms bare`, ratio: `${(r.stats.p99 / bare.single.p99).toFixed(0)}×` });
      const typeId = (await database.db.execute<{ id: string }>(sql`select id from incident_types where parent_id is not null limit 1`)).rows[0].id;
      // A server that has been running: one smaller burst first (compiled code paths, a full connection pool).
      await burst(server, typeId, database, 100);
      const b = await burst(server, typeId, database);
      rows.push({ figure: `burst of ${BURST} initial reports, PostgreSQL (after a warm-up burst of 100)`, target: "≥ 500 reports/s, all announced", value: `${b.rate.toFixed(0)} reports/s, ${b.failed} failed, ${b.announced} announced, ${b.published} published`, baseline: "PGlite below", ratio: "-" });
      await server.stop();
      await database.close();
    } finally {
      await cluster.stop();
    }
  }

  const dataDir = mkdtempSync(join(tmpdir(), "yj-bench-inc-"));
  try {
    const database = await openPglite(dataDir);
    await seedBenchDistrict(database, 0);
    const typeId = (await database.db.execute<{ id: string }>(sql`select id from incident_types where parent_id is not null limit 1`)).rows[0].id;
    await database.close();
    // The embedded database belongs to the server process while it runs: the outbox is counted after it stops.
    const server = await startChild("server/src/main.ts", { ...SERVER_ENV, DATA_DIR: dataDir, DATABASE_URL: "", DEMO: "true" });
    await burst(server, typeId, null, 100);
    const b = await burst(server, typeId, null);
    await server.stop();
    const after = await openPglite(dataDir);
    const { rows: o } = await after.db.execute<{ n: number }>(sql`select count(*)::int as n from outbox_events where type = 'incident.created'`);
    await after.close();
    rows.push({ figure: `burst of ${BURST} initial reports, PGlite (embedded, after a warm-up burst of 100)`, target: "printed beside", value: `${b.rate.toFixed(0)} reports/s, ${b.failed} failed, ${Number(o[0].n)} announced (both bursts)`, baseline: "-", ratio: "-" });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  printTable(`Incidents: ${INCIDENTS} incidents, ${INCIDENTS * 4} reports over 5 years`, rows);
}
