/**
 * New to-do items pushed to the field app: through the real web-push library to a push service on
 * loopback (HTTPS with a throwaway certificate), each new entry once, muted kinds never.
 */
import { createECDH, randomBytes } from "node:crypto";
import { createServer, globalAgent, type Server } from "node:https";
import { sql } from "drizzle-orm";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loopbackCertificate } from "../../../test/loopback-tls.ts";
import { buildTestApp, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";
import { MODULES } from "../../app.ts";
import { pushNewTodo } from "./todo.alerts.ts";

let t: TestApp;
let push: Server;
let base = "";
const received: { url: string; bytes: number }[] = [];
let town: Client, village: Client;
let previousCa: typeof globalAgent.options.ca;
const ids: Record<string, string> = {};
const ZERO = { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 };


beforeAll(async () => {
  const tls = loopbackCertificate();
  previousCa = globalAgent.options.ca;
  globalAgent.options.ca = tls.cert;
  push = createServer(tls, (req, res) => {
    let bytes = 0;
    req.on("data", (c: Buffer) => (bytes += c.length));
    req.on("end", () => {
      received.push({ url: req.url ?? "", bytes });
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((r) => push.listen(0, "127.0.0.1", r));
  base = `https://127.0.0.1:${(push.address() as { port: number }).port}`;
  const vapid = webpush.generateVAPIDKeys();
  t = await buildTestApp({ WARNING_WORKERS: "false", TODO_PUSH_SECONDS: "0", VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey });
  [town, village] = await Promise.all(["town", "village"].map((u) => loginAs(t.app, u)));
  ids.village = await unitId(t.db, "马杭村");
  const { rows } = await t.db.execute<{ id: string }>(sql`select id from incident_types where code = '13000'`);
  ids.type = rows[0].id;
}, 180_000);
afterAll(async () => {
  await t?.close();
  await new Promise<void>((r) => (push ? push.close(() => r()) : r()));
  globalAgent.options.ca = previousCa;
});

const round = () => pushNewTodo({ config: t.config, database: t.database, db: t.db }, MODULES.flatMap((m) => m.todo ?? []), MODULES.flatMap((m) => m.todoAlerts ?? []));
const report = (title: string) => {
  const at = new Date(Date.now() - 60_000).toISOString();
  return village.post("/api/incidents", { title, typeId: ids.type, unitId: ids.village, lat: 31.72, lon: 119.97, address: "马杭村", occurredAt: at, learnedAt: at, level: "IV", figures: ZERO, body: "x", reporterName: "x" });
};

describe("to-do alerts by Web Push", () => {
  it("pushes a new to-do item to the subscribed phone once, and a muted kind never", async () => {
    const key = createECDH("prime256v1");
    key.generateKeys();
    const sub = { endpoint: `${base}/push/town-phone`, keys: { p256dh: key.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") } };
    expect((await town.post("/api/warnings/push-subscriptions", sub)).statusCode).toBe(201);
    // What was on the list before the phone subscribed goes out in the first round; then only what is new.
    await round();
    received.length = 0;
    expect((await report("马杭村山体滑坡")).statusCode).toBe(201);
    expect(await round()).toBeGreaterThanOrEqual(1);
    expect(received.filter((r) => r.url === "/push/town-phone")).toHaveLength(1);
    expect(received[0].bytes).toBeGreaterThan(100);
    expect(await round()).toBe(0);
    expect(received).toHaveLength(1);

    expect((await town.put("/api/notifications/mutes", { kinds: ["incident.forward"] })).statusCode).toBe(200);
    expect((await report("马杭村路面塌陷")).statusCode).toBe(201);
    expect(await round()).toBe(0);
    expect(received).toHaveLength(1);
    // The muted item is still on the to-do list.
    expect((await town.get("/api/todo")).json().items.some((i: { title: string }) => i.title === "马杭村路面塌陷")).toBe(true);
  });
});
