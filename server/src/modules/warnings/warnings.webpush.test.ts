/**
 * Web Push through the real web-push library to a push service on loopback (an HTTPS server
 * with a throwaway certificate, standing in for the browser vendor's): a browser subscribes, a release sends it an encrypted,
 * VAPID-signed message; a subscription the service reports gone is removed and the delivery fails.
 */
import { createECDH, randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { createServer, globalAgent, type Server } from "node:https";
import { sql } from "drizzle-orm";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loopbackCertificate } from "../../../test/loopback-tls.ts";
import { buildTestApp, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";
import { startWarningWorkers, type WarningWorkers } from "./warnings.dispatch.ts";
import { warningSettings } from "./warnings.settings.ts";

let t: TestApp;
let push: Server;
let base = "";
let answer = 201;
const received: { url: string; headers: IncomingHttpHeaders; bytes: number }[] = [];
let workers: WarningWorkers;
let duty: Client, leader: Client, village: Client;
let villageId = "";
let previousCa: typeof globalAgent.options.ca;

const b64url = (b: Buffer) => b.toString("base64url");

async function release(headline: string) {
  const created = (await duty.post("/api/warnings", {
    level: "red", incidentTypeId: null, headline, description: "x", instruction: "立即转移", public: false,
    area: { description: "马杭村", polygons: [], circles: [], unitIds: [] },
    effectiveAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    targets: { unitIds: [villageId], inArea: false, roles: [], channels: ["webpush"] },
  })).json();
  const submitted = (await duty.post(`/api/warnings/${created.id}/submit`, { version: created.version })).json();
  const approved = await leader.post(`/api/warnings/${created.id}/approve`, { version: submitted.version });
  expect(approved.statusCode, approved.body).toBe(200);
  return created.id as string;
}

async function settle(id: string) {
  for (let i = 0; i < 200; i++) {
    await workers.drain();
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from warning_deliveries where warning_id = ${id} and status in ('queued', 'sending')`);
    if (Number(rows[0].n) === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("deliveries did not settle");
}


beforeAll(async () => {
  const tls = loopbackCertificate();
  previousCa = globalAgent.options.ca;
  globalAgent.options.ca = tls.cert;
  push = createServer(tls, (req, res) => {
    let bytes = 0;
    req.on("data", (c: Buffer) => (bytes += c.length));
    req.on("end", () => {
      received.push({ url: req.url ?? "", headers: req.headers, bytes });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => push.listen(0, "127.0.0.1", r));
  base = `https://127.0.0.1:${(push.address() as { port: number }).port}`;
  const vapid = webpush.generateVAPIDKeys();
  t = await buildTestApp({ WARNING_WORKERS: "false", VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, WARNING_RETRY_BASE_SECONDS: "0.01", WARNING_MAX_ATTEMPTS: "3" });
  workers = await startWarningWorkers(t.database, warningSettings(t.config), { pollMs: 60_000 });
  [duty, leader, village] = await Promise.all(["duty", "leader", "village"].map((u) => loginAs(t.app, u)));
  villageId = await unitId(t.db, "马杭村");
});
afterAll(async () => {
  await workers?.stop();
  await t?.close();
  await new Promise<void>((r) => (push ? push.close(() => r()) : r()));
  globalAgent.options.ca = previousCa;
});

describe("Web Push", () => {
  it("tells the browser the VAPID key, takes its subscription and pushes a release to it, encrypted and signed", async () => {
    const config = (await village.get("/api/warnings/push-config")).json();
    expect(config).toEqual({ enabled: true, publicKey: t.config.VAPID_PUBLIC_KEY });
    const browserKey = createECDH("prime256v1");
    browserKey.generateKeys();
    const sub = { endpoint: `${base}/push/village-browser`, keys: { p256dh: b64url(browserKey.getPublicKey()), auth: b64url(randomBytes(16)) } };
    expect((await village.post("/api/warnings/push-subscriptions", sub)).statusCode).toBe(201);
    expect((await village.post("/api/warnings/push-subscriptions", sub)).statusCode).toBe(201);
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from warning_push_subscriptions where person_id = ${village.me.personId}`);
    expect(Number(rows[0].n)).toBe(1);

    const id = await release("红色预警：推送");
    const { rows: d } = await t.db.execute<{ person_id: string; status: string }>(sql`select person_id, status from warning_deliveries where warning_id = ${id} and channel = 'webpush'`);
    // Only the person who subscribed has a push delivery.
    expect(d.map((r) => r.person_id)).toEqual([village.me.personId]);
    await settle(id);
    const { rows: after } = await t.db.execute<{ status: string; sent_at: Date | null; last_error: string | null }>(sql`select status, sent_at, last_error from warning_deliveries where warning_id = ${id} and channel = 'webpush'`);
    expect(after[0].status, after[0].last_error ?? "").toBe("sent");
    expect(after[0].sent_at).not.toBeNull();
    const msg = received.find((r) => r.url === "/push/village-browser")!;
    expect(msg.headers["content-encoding"]).toBe("aes128gcm");
    expect(String(msg.headers.authorization)).toMatch(/^vapid t=.+, k=.+$/);
    expect(msg.headers.ttl).toBe("3600");
    expect(msg.bytes).toBeGreaterThan(100);
  });

  it("removes a subscription the push service reports gone, and fails the delivery after it", async () => {
    answer = 410;
    const id = await release("红色预警：订阅失效");
    await settle(id);
    answer = 201;
    const { rows } = await t.db.execute<{ status: string; last_error: string | null }>(sql`select status, last_error from warning_deliveries where warning_id = ${id} and channel = 'webpush'`);
    expect(rows[0].status).toBe("failed");
    const { rows: subs } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from warning_push_subscriptions where person_id = ${village.me.personId}`);
    expect(Number(subs[0].n)).toBe(0);
  });
});
