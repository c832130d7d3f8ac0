/**
 * Finding 1 of the hardening issue: warning feeds forged district warnings and scanned ports.
 * - every feed route, as a town administrator against a district feed: 404, nothing written;
 * - what a feed brings in belongs to the feed's unit, and never blocks another unit's copy;
 * - an Update/Cancel changes only an alert of its own sender, received by the same unit, through
 *   a source trusted for that sender (feeds and the manual import alike);
 * - the poller reaches no loopback, private, link-local or metadata address (nor a name that
 *   resolves to one) unless WARNING_FEED_PRIVATE_HOSTS names it, and says the same for all of them.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedPollResult, WarningFeed } from "@yingji/contracts";
import { buildTestApp, countRows, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";
import { FEED_UNREACHABLE } from "./feeds.poller.ts";

const fixture = (name: string) => readFileSync(new URL(`./cap/fixtures/${name}`, import.meta.url)).toString();
const SENDER = "32040041600000";
const GENUINE = fixture("changzhou-rainstorm-alert.xml");
const GENUINE_ID = "32040041600000_20260720073000_1";
/** The city observatory's Cancel of the genuine alert (same sender, references it). */
const CANCEL = fixture("changzhou-rainstorm-cancel.xml");
const UPDATE = fixture("changzhou-rainstorm-update.xml");
/** A red warning nobody issued, under the observatory's name. */
const FORGED_RED = GENUINE.replace(GENUINE_ID, "32040041600000_20260720090000_9").replace(/<headline>[^<]*</, "<headline>常州市气象台发布暴雨红色预警信号<")
  .replace(/<severity>[^<]*</, "<severity>Extreme<");
/** A Cancel from another sender that references the observatory's alert. */
const OTHER_SENDER_CANCEL = CANCEL.replace(/<sender>32040041600000<\/sender>/, "<sender>99999999999999</sender>")
  .replace("32040041600000_20260720183000_3", "99999999999999_20260720183000_1");

let t: TestApp;
let admin: Client;
let duty: Client;
let townAdmin: Client;
let source: Server;
let base: string;
/** A listening server the poller must not reach (no entry in WARNING_FEED_PRIVATE_HOSTS): an "open port". */
let probe: Server;
let probePort: number;
let probeHits = 0;
/** A port with nothing listening, but allowed: the network's own refusal. */
let closedPort: number;
const docs: Record<string, string> = {};
let townPath: string;

const listen = async (s: Server) => {
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return (s.address() as AddressInfo).port;
};

async function feedOf(client: Client, name: string, path: string, extra: Record<string, unknown> = {}): Promise<WarningFeed> {
  const res = await client.post("/api/warning-feeds", { name, url: path.startsWith("http") ? path : `${base}${path}`, enabled: false, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const poll = async (client: Client, feed: WarningFeed): Promise<FeedPollResult> => {
  const res = await client.post(`/api/warning-feeds/${feed.id}/poll`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const received = async (identifier: string) =>
  (await t.db.execute<{ id: string; status: string; unit_path: string; headline: string; revision: number }>(sql`
    select w.id, w.status, w.unit_path::text as unit_path, w.headline, w.revision from warning_received_alerts r join warnings w on w.id = r.warning_id
    where r.identifier = ${identifier} order by r.received_at`)).rows;

beforeAll(async () => {
  source = createServer((req, res) => {
    const body = docs[req.url ?? ""];
    if (body === undefined) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/cap+xml" }).end(body);
  });
  base = `http://127.0.0.1:${await listen(source)}`;
  probe = createServer((_req, res) => {
    probeHits++;
    res.writeHead(404).end();
  });
  probePort = await listen(probe);
  const closed = createServer();
  closedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
  Object.assign(docs, { "/genuine.xml": GENUINE, "/cancel.xml": CANCEL, "/update.xml": UPDATE, "/red.xml": FORGED_RED, "/other-cancel.xml": OTHER_SENDER_CANCEL });
  // No workers: the fixtures' alerts lie in the past, and the expiry scan would change them under the test.
  t = await buildTestApp({ WARNING_FEEDS_POLL: "false", WARNING_WORKERS: "false", WARNING_FEED_PRIVATE_HOSTS: `${new URL(base).host}, 127.0.0.1:${closedPort}` });
  admin = await loginAs(t.app, "admin");
  duty = await loginAs(t.app, "duty");
  const town = await unitId(t.db, "湖塘镇");
  townPath = (await t.db.execute<{ p: string }>(sql`select path::text as p from org_units where id = ${town}`)).rows[0]!.p;
  const created = await admin.post("/api/users", { username: "townadmin", displayName: "镇管理员", role: "admin", unitId: town, password: "Scope#Test2030" });
  expect(created.statusCode, created.body).toBe(201);
  await t.db.execute(sql`update users set must_change_password = false where username = 'townadmin'`);
  townAdmin = await loginAs(t.app, "townadmin", { password: "Scope#Test2030" });
}, 120_000);
afterAll(async () => {
  for (const s of [source, probe]) {
    s?.closeAllConnections();
    s?.close();
  }
  await t?.close();
});

describe("feeds belong to their unit", () => {
  it("answer 404 on every feed route to a town administrator asking for a district feed, and write nothing", async () => {
    const feed = await feedOf(admin, "区级信息源", "/genuine.xml");
    const routes = t.app.routeList.filter((r) => r.url.startsWith("/api/warning-feeds/:id"));
    expect(routes.length).toBeGreaterThanOrEqual(4);
    const audit = await countRows(t.db, "audit_log");
    for (const r of routes) {
      const body = r.method === "GET" ? undefined : r.method === "PATCH" ? { version: 1, name: "改名", url: `${base}/red.xml` } : {};
      const res = await townAdmin.request(r.method as "GET", r.url.replace(":id", feed.id), body);
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(404);
    }
    expect(await countRows(t.db, "audit_log")).toBe(audit);
    expect(((await townAdmin.get("/api/warning-feeds")).json() as WarningFeed[]).some((f) => f.id === feed.id)).toBe(false);
    expect((await admin.get(`/api/warning-feeds/${feed.id}`)).json()).toMatchObject({ lastPolledAt: null, name: "区级信息源", url: `${base}/genuine.xml` });
    await admin.delete(`/api/warning-feeds/${feed.id}`);
  });

  it("import what a town's feed brings as the town's warnings: the district's genuine warning stays, the forged red one is the town's", async () => {
    // The town's feed reads the genuine alert first: the district still gets its own copy afterwards.
    const townGenuine = await feedOf(townAdmin, "镇转载", "/genuine.xml");
    expect(await poll(townAdmin, townGenuine)).toMatchObject({ status: "ok", imported: 1 });
    const district = await feedOf(admin, "常州市气象台", "/genuine.xml");
    expect(await poll(admin, district)).toMatchObject({ status: "ok", imported: 1, duplicates: 0 });
    const copies = await received(GENUINE_ID);
    expect(copies.map((c) => c.unit_path).sort()).toEqual([(await t.db.execute<{ p: string }>(sql`select path::text as p from org_units where parent_id is null`)).rows[0]!.p, townPath].sort());
    const genuine = copies.find((c) => c.unit_path !== townPath)!;
    expect(district).toMatchObject({ unitName: "武进区" });
    expect(townGenuine).toMatchObject({ unitName: "湖塘镇" });

    const cancel = await feedOf(townAdmin, "镇伪造解除", "/cancel.xml");
    const red = await feedOf(townAdmin, "镇伪造红色", "/red.xml");
    // The town's Cancel feed did not bring the town's copy either: untrusted there too.
    expect((await poll(townAdmin, cancel)).error).toContain("可信");
    expect(await poll(townAdmin, red)).toMatchObject({ status: "ok", imported: 1 });
    expect((await received(GENUINE_ID)).find((c) => c.id === genuine.id)).toMatchObject({ status: "released", revision: 1 });
    const [forged] = await received("32040041600000_20260720090000_9");
    expect(forged).toMatchObject({ unit_path: townPath });
    expect((await townAdmin.get(`/api/warnings/${forged!.id}`)).statusCode).toBe(200);
    expect((await received(GENUINE_ID)).find((c) => c.unit_path === townPath)).toMatchObject({ status: "released" });
    // The district (the town's parent) sees the town's received warning; the town never saw the district's, and still does not.
    expect((await townAdmin.get(`/api/warnings/${genuine.id}`)).statusCode).toBe(404);
  });
});

describe("Update and Cancel", () => {
  let genuineId: string;
  beforeAll(async () => {
    genuineId = (await received(GENUINE_ID)).find((c) => c.unit_path !== townPath)!.id;
  });
  const intact = async () => expect((await t.db.execute<{ status: string; revision: number }>(sql`select status, revision from warnings where id = ${genuineId}`)).rows[0])
    .toMatchObject({ status: "released", revision: 1 });

  it("leave the original intact when a feed of the same unit is not trusted for the sender, and say why", async () => {
    const untrusted = await feedOf(admin, "未受信的区级信息源", "/cancel.xml");
    const result = await poll(admin, untrusted);
    expect(result).toMatchObject({ status: "error", imported: 0 });
    expect(result.error).toContain("可信");
    await intact();
    const wrongList = await feedOf(admin, "只信省台", "/genuine.xml", { senders: ["32000041600000"] });
    expect((await poll(admin, wrongList)).error).toContain(`发布者 ${SENDER} 不在本信息源的可信发布者之内`);
  });

  it("leave the original intact when the Cancel comes from another sender, by feed or by upload", async () => {
    const other = await feedOf(admin, "另一发布者", "/other-cancel.xml");
    expect(await poll(admin, other)).toMatchObject({ status: "ok", imported: 1 });
    await intact();
    for (const client of [duty, townAdmin]) {
      const res = await client.request("POST", "/api/warnings/import", Buffer.from(OTHER_SENDER_CANCEL), { "content-type": "application/cap+xml" });
      expect(res.statusCode, res.body).toBeLessThan(300);
      await intact();
    }
  });

  it("leave the district's original intact when a town administrator uploads the sender's own Cancel", async () => {
    const res = await townAdmin.request("POST", "/api/warnings/import", Buffer.from(CANCEL), { "content-type": "application/cap+xml" });
    expect(res.statusCode, res.body).toBeLessThan(300);
    await intact();
    expect(res.json().warningId).not.toBe(genuineId);
  });

  it("apply the sender's Update from a feed trusted for it and the Cancel from the feed that brought the alert", async () => {
    const trusted = await feedOf(admin, "市预警中心", "/update.xml", { senders: [SENDER] });
    expect(await poll(admin, trusted)).toMatchObject({ status: "ok", imported: 1 });
    expect((await t.db.execute<{ status: string }>(sql`select status from warnings where id = ${genuineId}`)).rows[0]).toMatchObject({ status: "updated" });
    const feeds: WarningFeed[] = (await admin.get("/api/warning-feeds")).json();
    const original = feeds.find((f) => f.name === "常州市气象台")!;
    const moved = await admin.patch(`/api/warning-feeds/${original.id}`, { version: original.version, url: `${base}/cancel.xml` });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ senders: [], enabled: false, intervalSeconds: original.intervalSeconds });
    expect(await poll(admin, moved.json())).toMatchObject({ status: "ok", imported: 1 });
    expect((await t.db.execute<{ status: string }>(sql`select status from warnings where id = ${genuineId}`)).rows[0]).toMatchObject({ status: "cancelled" });
  });
});

describe("the poller's reach", () => {
  it("gives the same neutral error, without a request, for loopback, private, link-local, metadata addresses and names resolving to them", async () => {
    const closedAllowed = await poll(admin, await feedOf(admin, "关闭的端口", `http://127.0.0.1:${closedPort}/cap.xml`));
    expect(closedAllowed).toMatchObject({ status: "error", error: FEED_UNREACHABLE });
    const addresses = [
      `http://127.0.0.1:${probePort}/cap.xml`, `http://127.0.0.1:${closedPort + 1}/cap.xml`, `http://localhost:${probePort}/cap.xml`,
      `http://[::1]:${probePort}/cap.xml`, `http://[::ffff:127.0.0.1]:${probePort}/cap.xml`, `http://2130706433:${probePort}/cap.xml`, `http://0.0.0.0:${probePort}/`,
      "http://10.0.0.1/cap.xml", "http://172.16.5.4:8080/cap.xml", "http://192.168.1.1/cap.xml", "http://100.100.100.200/latest/meta-data/",
      "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://[fd00:ec2::254]/latest/meta-data/",
    ];
    for (const url of addresses) {
      const result = await poll(admin, await feedOf(admin, `探测 ${url}`.slice(0, 100), url));
      expect(result, url).toMatchObject({ status: "error", error: FEED_UNREACHABLE, documents: 0 });
    }
    expect(probeHits).toBe(0);
  });
});
