/**
 * Foundation figures (issue 2):
 *  - restart with an existing embedded database to the first answered /api/health;
 *  - listing people (page of 50 of 10,000, town scope) at 50 concurrent clients, p99,
 *    on PGlite and on PostgreSQL;
 * each beside a bare Fastify route measured the same way in the same run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPglite, openPostgres } from "../server/src/db/client.ts";
import { startCluster } from "../scripts/pg-cluster.ts";
import { runLoad } from "./lib/load.ts";
import { startChild, type Child } from "./lib/server.ts";
import { BENCH_PASSWORD, seedBenchDistrict } from "./lib/seed.ts";
import { fmt, printTable, summarize } from "./lib/stats.ts";

const PEOPLE = 10_000;
const CONCURRENCY = 50;
const REQUESTS = 3_000;
const RESTARTS = 5;
const SECRET = "bench-secret-0123456789abcdef0123456789abcdef";

async function signIn(port: number, username: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

/** Load on one or more app processes (round robin, as a load balancer would spread it). */
async function peopleLoad(servers: Child | Child[], username: string) {
  const list = Array.isArray(servers) ? servers : [servers];
  const cookie = await signIn(list[0].port, username);
  const url = (i: number) => `http://127.0.0.1:${list[i % list.length].port}/api/org/people?pageSize=50&page=${1 + (i % 10)}`;
  await runLoad({ concurrency: CONCURRENCY, total: 300, request: (i) => ({ url: url(i), headers: { cookie } }) });
  const r = await runLoad({ concurrency: CONCURRENCY, total: REQUESTS, request: (i) => ({ url: url(i), headers: { cookie } }) });
  if (r.errors) throw new Error(`${r.errors} failed requests, the first: ${r.firstError}`);
  return { ...summarize(r.latencies), rps: REQUESTS / r.seconds };
}

export async function benchFoundation() {
  const rows: Record<string, string | number>[] = [];
  const bareStarts: number[] = [];
  let bare: Child | undefined;
  for (let i = 0; i < RESTARTS; i++) {
    const b = await startChild("bench/bare-server.ts", {});
    bareStarts.push(b.readyMs);
    if (i < RESTARTS - 1) await b.stop();
    else bare = b;
  }
  const bareLoad = await runLoad({ concurrency: CONCURRENCY, total: REQUESTS, request: () => ({ url: `http://127.0.0.1:${bare!.port}/people` }) });
  const bareStats = summarize(bareLoad.latencies);
  await bare!.stop();
  const bareStart = summarize(bareStarts).p50;

  // Embedded: seed once, then restart on the existing data directory.
  const dataDir = mkdtempSync(join(tmpdir(), "yj-bench-"));
  try {
    const database = await openPglite(dataDir);
    await seedBenchDistrict(database, PEOPLE);
    await database.close();
    const env = { DATA_DIR: dataDir, DATABASE_URL: "", DEMO: "true", SERVE_WEB: "false", RATE_LIMIT_PER_MINUTE: "1000000", LOGIN_RATE_PER_MINUTE: "1000" };
    const starts: number[] = [];
    let server: Child | undefined;
    for (let i = 0; i < RESTARTS; i++) {
      server = await startChild("scripts/start.ts", env);
      starts.push(server.readyMs);
      if (i < RESTARTS - 1) await server.stop();
    }
    const start = summarize(starts).p50;
    rows.push({ figure: "restart → first /api/health (embedded, median of 5)", target: "< 3000 ms", value: `${fmt(start)} ms`, baseline: `${fmt(bareStart)} ms bare Fastify`, ratio: `${(start / bareStart).toFixed(1)}×` });
    for (const user of ["town", "admin"]) {
      const s = await peopleLoad(server!, user);
      rows.push({ figure: `people page of 50, ${user} scope, PGlite, 50 clients: p50 / p99`, target: user === "town" ? "p99 < 150 ms" : "-", value: `${fmt(s.p50)} / ${fmt(s.p99)} ms (${s.rps.toFixed(0)} req/s)`, baseline: `${fmt(bareStats.p50)} / ${fmt(bareStats.p99)} ms bare`, ratio: `${(s.p99 / bareStats.p99).toFixed(1)}×` });
    }
    await server!.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  // PostgreSQL: a throwaway cluster, one app process.
  let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
  try {
    cluster = await startCluster();
  } catch (e) {
    rows.push({ figure: "people page of 50 on PostgreSQL", target: "p99 < 50 ms", value: `skipped: ${(e as Error).message.split("\n")[0]}`, baseline: "-", ratio: "-" });
  }
  if (cluster) {
    try {
      const database = await openPostgres(cluster.url, 10);
      await seedBenchDistrict(database, PEOPLE);
      await database.close();
      const pgEnv = { DATABASE_URL: cluster.url, SESSION_SECRET: SECRET, DEMO: "false", REQUIRE_2FA: "false", SERVE_WEB: "false", RATE_LIMIT_PER_MINUTE: "1000000", LOGIN_RATE_PER_MINUTE: "1000", DATABASE_POOL_SIZE: "10" };
      const server = await startChild("server/src/main.ts", pgEnv);
      for (const user of ["town", "admin"]) {
        const s = await peopleLoad(server, user);
        rows.push({ figure: `people page of 50, ${user} scope, PostgreSQL, 1 process: p50 / p99`, target: user === "town" ? "p99 < 50 ms" : "-", value: `${fmt(s.p50)} / ${fmt(s.p99)} ms (${s.rps.toFixed(0)} req/s)`, baseline: `${fmt(bareStats.p50)} / ${fmt(bareStats.p99)} ms bare`, ratio: `${(s.p99 / bareStats.p99).toFixed(1)}×` });
      }
      // The scaling path: a second app process on the same database.
      const second = await startChild("server/src/main.ts", pgEnv);
      const s2 = await peopleLoad([server, second], "town");
      rows.push({ figure: "people page of 50, town scope, PostgreSQL, 2 processes: p50 / p99", target: "p99 < 50 ms", value: `${fmt(s2.p50)} / ${fmt(s2.p99)} ms (${s2.rps.toFixed(0)} req/s)`, baseline: `${fmt(bareStats.p50)} / ${fmt(bareStats.p99)} ms bare`, ratio: `${(s2.p99 / bareStats.p99).toFixed(1)}×` });
      await second.stop();
      await server.stop();
    } finally {
      await cluster.stop();
    }
  }
  printTable(`Foundation: ${PEOPLE} people, ${CONCURRENCY} concurrent clients, ${REQUESTS} requests per run`, rows);
}
