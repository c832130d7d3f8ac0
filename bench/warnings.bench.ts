/**
 * Early-warning figures (issue 4), with fixed data: the demo district plus generated people up
 * to 10,000 recipients.
 *  - release to 10,000 recipients (in-app + SMS: one delivery row per person and channel, the
 *    targets, the version, the outbox) in one transaction, on PostgreSQL and on PGlite, beside a
 *    bare INSERT … SELECT of as many rows into a scratch table in the same process (the baseline);
 *  - dispatch of those SMS to the loopback gateway simulator (its own process) on PostgreSQL,
 *    printed beside the raw rate of the simulator alone (the same HTTP client, no database);
 *  - 1,000 open SSE clients of a real server process: time from the release's answer to the
 *    arrival of its event at each client, p50 / p99.
 */
import { spawn } from "node:child_process";
import { request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { loadConfig } from "../server/src/config.ts";
import { openPglite, openPostgres, type Database } from "../server/src/db/client.ts";
import type { Actor } from "../server/src/platform/auth/actor.ts";
import { smsAdapter } from "../server/src/modules/warnings/channels/sms.ts";
import { startWarningWorkers } from "../server/src/modules/warnings/warnings.dispatch.ts";
import { approveWarning, createWarning, submitWarning } from "../server/src/modules/warnings/warnings.service.ts";
import { warningSettings, type WarningSettings } from "../server/src/modules/warnings/warnings.settings.ts";
import { startCluster } from "../scripts/pg-cluster.ts";
import { node, root, startChild } from "./lib/server.ts";
import { BENCH_PASSWORD, seedBenchDistrict } from "./lib/seed.ts";
import { fmt, printTable, summarize } from "./lib/stats.ts";

const RECIPIENTS = 10_000;
const SSE_CLIENTS = 1_000;
const SECRET = "bench-secret-0123456789abcdef0123456789abcdef";

async function actor(database: Database, username: string): Promise<Actor> {
  const { rows } = await database.db.execute<{ id: string; unit_id: string; unit_path: string; role: Actor["role"] }>(sql`
    select u.id, u.unit_id, o.path::text as unit_path, u.role from users u join org_units o on o.id = u.unit_id where u.username = ${username}`);
  const u = rows[0];
  return { id: u.id, username, displayName: username, role: u.role, unitId: u.unit_id, unitName: "", unitPath: u.unit_path, personId: null, totpEnabled: false, mustChangePassword: false, mustEnrollTotp: false, sessionId: "", csrfToken: "", ip: "127.0.0.1" };
}

/** A district-wide warning to everybody, in-app and SMS. */
async function draftToAll(database: Database, duty: Actor, headline: string) {
  const { rows } = await database.db.execute<{ id: string }>(sql`select id from org_units where parent_id is null`);
  const id = await createWarning(database.db, duty, {
    level: "red", incidentTypeId: null, headline, description: "基准测试", instruction: "基准测试", public: false, exercise: true,
    area: { description: "全区", polygons: [], circles: [], unitIds: [] },
    effectiveAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    targets: { unitIds: [rows[0].id], inArea: false, roles: [], channels: ["inapp", "sms"] },
  });
  await submitWarning(database.db, duty, id, 1);
  return id;
}

/** Release (timed), and the baseline: as many rows by a bare INSERT … SELECT into a scratch table. */
async function release(database: Database, s: WarningSettings) {
  const duty = await actor(database, "duty");
  const leader = await actor(database, "leader");
  const id = await draftToAll(database, duty, "全区红色预警（基准）");
  const t0 = performance.now();
  const { deliveries, units } = await approveWarning(database.db, s, leader, id, { version: 2 });
  const ms = performance.now() - t0;
  const { rows: people } = await database.db.execute<{ n: number }>(sql`select count(distinct person_id)::int as n from warning_deliveries where warning_id = ${id}`);
  await database.db.execute(sql`create temporary table bench_scratch (person_id uuid, channel text, key text)`);
  const b0 = performance.now();
  await database.db.execute(sql`insert into bench_scratch select p.id, c.channel, p.id::text || c.channel from people p cross join unnest('{inapp,sms}'::text[]) c(channel) where p.active and (c.channel = 'inapp' or p.mobile is not null)`);
  const baselineMs = performance.now() - b0;
  await database.db.execute(sql`drop table bench_scratch`);
  return { id, ms, baselineMs, deliveries, units, people: Number(people[0].n) };
}

async function startSimulatorProcess(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(node, ["server/src/modules/warnings/channels/sms-simulator.ts"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise((r) => child.on("exit", r));
  const url = await new Promise<string>((res) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /SMS_SIMULATOR (\S+)/.exec(out);
      if (m) res(m[1]);
    });
  });
  return { url, stop: async () => { child.kill("SIGTERM"); await exited; } };
}

/** The simulator alone: the adapter's HTTP client at the same concurrency, no database. */
async function rawSimulatorRate(url: string, s: WarningSettings, n: number, batch: number): Promise<number> {
  const adapter = smsAdapter({ url, template: s.sms!.template, signature: s.signature, concurrency: s.concurrency, batch });
  const message = (i: number) => ({ deliveryId: i, idempotencyKey: `raw-${batch}-${i}`, personId: "", address: `1380000${String(i).padStart(4, "0")}`, warningId: "raw", kind: "warning" as const, level: "red" as const, status: "released", headline: "基准", instruction: "基准", description: "", link: "http://localhost/" });
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: s.concurrency }, async () => {
    while (next < n) {
      const first = next;
      next += batch;
      if (batch > 1) await adapter.sendBatch!(Array.from({ length: Math.min(batch, n - first) }, (_, k) => message(first + k)));
      else await adapter.send(message(first));
    }
  }));
  const rate = n / ((performance.now() - t0) / 1000);
  await adapter.close?.();
  return rate;
}

async function dispatchRate(database: Database, s: WarningSettings, warningId: string) {
  await database.db.execute(sql`update warning_deliveries set status = 'queued', attempts = 0, next_attempt_at = now(), claimed_until = null, sent_at = null, delivered_at = null where warning_id = ${warningId} and channel = 'sms'`);
  const [{ n }] = (await database.db.execute<{ n: number }>(sql`select count(*)::int as n from warning_deliveries where warning_id = ${warningId} and channel = 'sms'`)).rows;
  const t0 = performance.now();
  const workers = await startWarningWorkers(database, s, { pollMs: 50 });
  for (;;) {
    if (performance.now() - t0 > 300_000) throw new Error("dispatch did not finish within 5 minutes");
    const [{ left }] = (await database.db.execute<{ left: number }>(sql`select count(*)::int as left from warning_deliveries where warning_id = ${warningId} and channel = 'sms' and status <> 'delivered'`)).rows;
    if (Number(left) === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - t0) / 1000;
  await workers.stop();
  return { sent: Number(n), rate: Number(n) / seconds };
}

async function signIn(port: number, username: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const me = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; "), csrf: me.csrfToken };
}

/** Opens `n` SSE streams, releases a warning through the API, and times its event at each stream. */
async function sseArrival(port: number, database: Database, n: number) {
  // The clients are village liaison officers (the release's real audience: one event each for their village).
  const village = await signIn(port, "village");
  const leader = await signIn(port, "leader");
  const arrivals: number[] = [];
  let releasedAt = 0;
  let warningId = "";
  const sockets: { destroy(): void }[] = [];
  await Promise.all(Array.from({ length: n }, () => new Promise<void>((res, rej) => {
    const req = request({ host: "127.0.0.1", port, path: "/api/events", headers: { cookie: village.cookie, accept: "text/event-stream" } }, (r) => {
      if (r.statusCode !== 200) return rej(new Error(`SSE ${r.statusCode}`));
      let buf = "";
      let seen = false;
      r.setEncoding("utf8");
      r.on("data", (d: string) => {
        buf += d;
        if (!seen && warningId && buf.includes("event: warning.released") && buf.includes(warningId)) {
          seen = true;
          arrivals.push(performance.now() - releasedAt);
        }
        if (buf.length > 1_000_000) buf = buf.slice(-10_000);
      });
      res();
    });
    req.on("error", rej);
    req.end();
    sockets.push(req);
  })));
  const dutyActor = await actor(database, "duty");
  warningId = await draftToAll(database, dutyActor, "SSE 到达时间（基准）");
  releasedAt = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/api/warnings/${warningId}/approve`, {
    method: "POST", headers: { cookie: leader.cookie, "x-csrf-token": leader.csrf, "content-type": "application/json" }, body: JSON.stringify({ version: 2 }),
  });
  if (!res.ok) throw new Error(`approve: ${res.status} ${await res.text()}`);
  const answeredMs = performance.now() - releasedAt;
  const until = performance.now() + 30_000;
  while (arrivals.length < n && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
  for (const s of sockets) s.destroy();
  return { received: arrivals.length, answeredMs, ...summarize(arrivals), afterAnswer: summarize(arrivals.map((a) => a - answeredMs)) };
}

export async function benchWarnings() {
  const rows: Record<string, string | number>[] = [];
  const sim = await startSimulatorProcess();
  const s = { ...warningSettings(loadConfig({ DEMO: "true", SMS_GATEWAY_URL: sim.url, WARNING_CONCURRENCY: "64", WARNING_BATCH_SIZE: "5000" })), require2fa: false };
  try {
    let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
    try {
      cluster = await startCluster();
    } catch (e) {
      rows.push({ figure: "warnings on PostgreSQL", target: "-", value: `skipped: ${(e as Error).message.split("\n")[0]}` });
    }
    if (cluster) {
      try {
        const database = await openPostgres(cluster.url, 20);
        await seedBenchDistrict(database, RECIPIENTS);
        const r = await release(database, s);
        console.error("warnings bench: PostgreSQL release done");
        rows.push({ figure: `release to ${r.people} people in ${r.units} units, PostgreSQL: ${r.deliveries} delivery rows`, target: "< 3 s", value: `${fmt(r.ms)} ms (bare INSERT … SELECT of as many rows: ${fmt(r.baselineMs)} ms, ×${(r.ms / r.baselineMs).toFixed(1)})` });
        for (const batch of [1, 100]) {
          const sb = { ...s, sms: { ...s.sms!, batch } };
          const raw = await rawSimulatorRate(sim.url, sb, 20_000, batch);
          // The same deliveries sent again under new keys at the simulator: it would answer repeats as duplicates.
          await database.db.execute(sql`update warning_deliveries set idempotency_key = idempotency_key || ':b' || ${batch}::text where warning_id = ${r.id} and channel = 'sms'`);
          const d = await dispatchRate(database, sb, r.id);
          console.error(`warnings bench: dispatch with batch ${batch} done`);
          rows.push({
            figure: `dispatch of ${d.sent} SMS to the loopback simulator, PostgreSQL, 1 worker × ${s.concurrency}, ${batch === 1 ? "one message per request" : `${batch} messages per request`}`,
            target: "≥ 5,000 msg/s", value: `${d.rate.toFixed(0)} msg/s (simulator alone: ${raw.toFixed(0)} msg/s, ×${(d.rate / raw).toFixed(2)})`,
          });
        }
        // SSE: a real server process on the same database (workers off: the figure is the event path alone).
        await database.db.execute(sql`update warning_deliveries set status = 'delivered' where status = 'queued'`);
        const server = await startChild("server/src/main.ts", {
          DATABASE_URL: cluster.url, SESSION_SECRET: SECRET, DEMO: "false", REQUIRE_2FA: "false", SERVE_WEB: "false", WARNING_WORKERS: "false",
          RATE_LIMIT_PER_MINUTE: "10000000", LOGIN_RATE_PER_MINUTE: "1000",
        });
        try {
          const a = await sseArrival(server.port, database, SSE_CLIENTS);
          rows.push({ figure: `release to ${SSE_CLIENTS} open SSE clients (one process), PostgreSQL: from the approve request, p50 / p99`, target: "p99 < 2 s", value: `${a.received}/${SSE_CLIENTS} arrived, ${fmt(a.p50)} / ${fmt(a.p99)} ms (the release itself answered after ${fmt(a.answeredMs)} ms)` });
          rows.push({ figure: `  … from the release's answer (commit) to arrival, p50 / p99`, target: "-", value: `${fmt(a.afterAnswer.p50)} / ${fmt(a.afterAnswer.p99)} ms` });
        } finally {
          await server.stop();
        }
        await database.close();
      } finally {
        await cluster.stop();
      }
    }

    const dataDir = mkdtempSync(join(tmpdir(), "yj-bench-warn-"));
    try {
      const database = await openPglite(dataDir);
      await seedBenchDistrict(database, RECIPIENTS);
      const r = await release(database, s);
      rows.push({ figure: `release to ${r.people} people in ${r.units} units, PGlite: ${r.deliveries} delivery rows`, target: "< 10 s", value: `${fmt(r.ms)} ms (bare INSERT … SELECT of as many rows: ${fmt(r.baselineMs)} ms, ×${(r.ms / r.baselineMs).toFixed(1)})` });
      await database.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    await sim.stop();
  }
  printTable(`Warnings: release to ${RECIPIENTS} recipients, SMS dispatch, ${SSE_CLIENTS} SSE clients`, rows);
}
