/**
 * Crash safety of the fan-out, with real processes on one PostgreSQL: a worker process is killed
 * with SIGKILL several times in the middle of a fan-out to thousands of recipients, then two
 * worker processes finish it together. The loopback SMS gateway simulator (in this test process,
 * so it survives the kills) counts every request per idempotency key.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, loginAs, unitId, usePostgres, type Client, type TestApp } from "../../../test/helpers.ts";
import { SmsSimulator } from "./channels/sms-simulator.ts";

const root = resolve(import.meta.dirname, "../../../..");
const node = join(root, "node_modules/.bin/node");
const procs: ChildProcess[] = [];
let t: TestApp;
let sim: SmsSimulator;
let duty: Client, leader: Client;
const ids: Record<string, string> = {};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startWorker(env: Record<string, string> = {}): Promise<{ child: ChildProcess; workerId: string; exited: Promise<unknown> }> {
  const child = spawn(node, ["server/src/modules/warnings/warnings.worker-main.ts"], {
    cwd: root,
    env: {
      ...process.env, DATABASE_URL: t.databaseUrl!, SESSION_SECRET: t.config.SESSION_SECRET!, DEMO: "false", LOG_LEVEL: "silent", DATABASE_POOL_SIZE: "4",
      SMS_GATEWAY_URL: sim.url, WARNING_CONCURRENCY: "1", WARNING_BATCH_SIZE: "100", WARNING_LEASE_SECONDS: "2", WARNING_RETRY_BASE_SECONDS: "0.05", WARNING_SCAN_SECONDS: "3600",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  procs.push(child);
  const exited = new Promise((r) => child.on("exit", r));
  return new Promise((res, rej) => {
    let out = "";
    const timer = setTimeout(() => rej(new Error(`worker did not start: ${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /WARNING_WORKER_READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res({ child, workerId: m[1], exited });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
  });
}

async function smsRows(warningId: string) {
  const { rows } = await t.db.execute<{ idempotency_key: string; status: string; claimed_by: string | null; attempts: number }>(
    sql`select idempotency_key, status, claimed_by, attempts from warning_deliveries where warning_id = ${warningId} and channel = 'sms'`,
  );
  return rows;
}

async function waitAllDelivered(warningId: string, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from warning_deliveries where warning_id = ${warningId} and status <> 'delivered'`);
    if (Number(rows[0].n) === 0) return;
    await sleep(200);
  }
  throw new Error("fan-out did not finish");
}

/** Adds `n` people with distinct mobiles to a unit and releases an SMS warning to that unit. */
async function fanOut(unitName: string, n: number, prefix: string): Promise<string> {
  const unit = await unitId(t.db, unitName);
  await t.db.execute(sql`insert into people (unit_id, name, mobile, emergency_roles)
    select ${unit}, '测试' || g, ${prefix} || lpad(g::text, 7, '0'), '{}' from generate_series(1, ${n}) g`);
  const created = (await duty.post("/api/warnings", {
    level: "red", incidentTypeId: null, headline: `${unitName}撤离预警`, description: "x", instruction: "x", area: { description: unitName, polygons: [], circles: [], unitIds: [] },
    effectiveAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 86_400_000).toISOString(), public: false,
    targets: { unitIds: [unit], inArea: false, roles: [], channels: ["sms"] },
  })).json();
  const submitted = (await duty.post(`/api/warnings/${created.id}/submit`, { version: created.version })).json();
  const approved = await leader.post(`/api/warnings/${created.id}/approve`, { version: submitted.version });
  expect(approved.statusCode, approved.body).toBe(200);
  return created.id;
}

const repeatsOf = (keys: string[]) => keys.reduce((n, k) => n + Math.max(0, (sim.perKey.get(k) ?? 0) - 1), 0);

describe.skipIf(!usePostgres)("fan-out through worker crashes (PostgreSQL)", () => {
  beforeAll(async () => {
    sim = new SmsSimulator();
    await sim.start();
    t = await buildTestApp({ WARNING_WORKERS: "false", SMS_GATEWAY_URL: sim.url });
    [duty, leader] = await Promise.all(["duty", "leader"].map((u) => loginAs(t.app, u)));
  });
  afterAll(async () => {
    for (const p of procs) p.kill("SIGKILL");
    await t?.close();
    await sim?.stop();
  });

  it("sends every message exactly once per recipient through SIGKILLs, with at most one repeat per kill", async () => {
    ids.crash = await fanOut("马杭村", 3000, "1391");
    const rows = await smsRows(ids.crash);
    expect(rows.length).toBeGreaterThanOrEqual(3000);
    const kills = 4;
    for (let k = 0; k < kills; k++) {
      const before = sim.messages.size;
      const w = await startWorker();
      const until = Date.now() + 20_000;
      while (sim.messages.size < before + 250 && Date.now() < until) await sleep(10);
      // Kill at a random moment within the next few milliseconds, mid-send.
      await sleep(Math.floor(Math.random() * 15));
      w.child.kill("SIGKILL");
      await w.exited;
      expect(sim.messages.size, `kill ${k + 1}: the worker made progress`).toBeGreaterThan(before);
    }
    const [a, b] = await Promise.all([startWorker(), startWorker()]);
    await waitAllDelivered(ids.crash);
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    await Promise.all([a.exited, b.exited]);

    const done = await smsRows(ids.crash);
    expect(done.every((r) => r.status === "delivered")).toBe(true);
    const keys = done.map((r) => r.idempotency_key);
    // Exactly one message per recipient at the gateway: every key arrived, none is missing.
    expect(keys.filter((k) => sim.messages.has(k)).length).toBe(keys.length);
    const repeats = repeatsOf(keys);
    console.log(`crash test: ${keys.length} recipients, ${kills} kills, ${repeats} repeated request(s) at the gateway`);
    expect(repeats).toBeLessThanOrEqual(kills);
    // Both final processes took part in finishing it.
    const finishers = new Set(done.map((r) => r.claimed_by));
    expect(finishers.has(a.workerId) || finishers.has(b.workerId)).toBe(true);
  }, 300_000);

  it("shares one fan-out between two worker processes without a double send", async () => {
    ids.shared = await fanOut("鸣凰村", 2000, "1392");
    const [a, b] = await Promise.all([startWorker({ WARNING_CONCURRENCY: "16" }), startWorker({ WARNING_CONCURRENCY: "16" })]);
    await waitAllDelivered(ids.shared);
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    await Promise.all([a.exited, b.exited]);
    const done = await smsRows(ids.shared);
    const keys = done.map((r) => r.idempotency_key);
    expect(keys.every((k) => sim.perKey.get(k) === 1)).toBe(true);
    expect(repeatsOf(keys)).toBe(0);
    const byWorker = new Map<string, number>();
    for (const r of done) byWorker.set(r.claimed_by ?? "", (byWorker.get(r.claimed_by ?? "") ?? 0) + 1);
    expect(byWorker.get(a.workerId) ?? 0, "first process sent some").toBeGreaterThan(0);
    expect(byWorker.get(b.workerId) ?? 0, "second process sent some").toBeGreaterThan(0);
    expect(done.every((r) => r.attempts === 1)).toBe(true);
  }, 300_000);
});
