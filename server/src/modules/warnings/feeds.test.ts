import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedPollResult, WarningFeed } from "@yingji/contracts";
import { buildTestApp, countRows, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";
import { capLinks, documentKind, pollDueFeeds } from "./feeds.poller.ts";

const fixture = (name: string) => readFileSync(new URL(`./cap/fixtures/${name}`, import.meta.url));
const ALERT = fixture("changzhou-rainstorm-alert.xml");
const UPDATE = fixture("changzhou-rainstorm-update.xml");
const TYPHOON = fixture("jiangsu-typhoon-multi.xml");
/** Seconds per request: the hanging source costs this much; long enough for the others on a busy machine. */
const TIMEOUT = 3;

let t: TestApp;
let admin: Client;
let duty: Client;
let server: Server;
let base: string;
/** Requests the loopback source received, by path. */
const hits: Record<string, number> = {};
/** A second origin (another port): what a feed's content may point our server to. */
let other: Server;
let otherBase: string;
const otherHits: Record<string, number> = {};

/** The rainstorm alert under another identifier and headline: a new alert wherever it is imported. */
const variant = (n: number) => Buffer.from(ALERT.toString()
  .replace("32040041600000_20260720073000_1", `32040041600000_20260720073000_${n}`)
  .replace("常州市气象台发布暴雨橙色预警信号", `常州市气象台发布暴雨橙色预警信号（${n}）`));

const atom = (links: string[]) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>常州市预警信息发布中心</title>
  <id>urn:uuid:1b4e8d3c-0000-4000-8000-000000000001</id>
  <updated>2026-07-20T10:30:00+08:00</updated>
  ${links.map((href, i) => `<entry><id>urn:entry:${i}</id><title>预警 ${i}</title><updated>2026-07-20T10:30:00+08:00</updated>
    <link rel="alternate" type="text/html" href="/html/${i}"/><link rel="related" type="application/cap+xml" href="${href}"/></entry>`).join("\n  ")}
</feed>`;

function source(req: IncomingMessage, res: ServerResponse) {
  const path = req.url ?? "/";
  hits[path] = (hits[path] ?? 0) + 1;
  const cap = (body: Buffer) => res.writeHead(200, { "content-type": "application/cap+xml" }).end(body);
  switch (path) {
    case "/cap/alert.xml":
      // A well-behaved source: answers 304 to a request that already has this version.
      if (req.headers["if-none-match"] === '"alert-v1"') return res.writeHead(304).end();
      return res.writeHead(200, { "content-type": "application/cap+xml", etag: '"alert-v1"' }).end(ALERT);
    case "/cap/update.xml": return cap(UPDATE);
    case "/cap/typhoon.xml": return cap(TYPHOON);
    case "/cap/broken.xml": return cap(Buffer.from("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>half"));
    // Newest first, as feeds list them: the Update above the Alert it changes.
    case "/atom.xml": return res.writeHead(200, { "content-type": "application/atom+xml" }).end(atom(["/cap/update.xml", "/cap/broken.xml", "/cap/alert.xml"]));
    case "/rss.xml": return res.writeHead(200, { "content-type": "application/rss+xml" }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>省预警</title>
      <item><title>台风</title><link>${base}/cap/typhoon.xml</link></item></channel></rss>`);
    case "/garbage": return res.writeHead(200, { "content-type": "text/html" }).end("<html><body>502 Bad Gateway</body></html>");
    case "/xxe": return cap(Buffer.from(`<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>${ALERT.toString().replace(/^<\?xml[^>]*>/, "")}`));
    case "/hang": return; // headers never come
    case "/repeat": return cap(TYPHOON); // the same alert at every poll, without cache validators
    // Feeds whose content points elsewhere (SSRF): another origin, a redirect out, other schemes, credentials.
    case "/cap/local.xml": return cap(variant(2));
    case "/pair.atom": return res.writeHead(200, { "content-type": "application/atom+xml" }).end(atom([`${otherBase}/cap/remote.xml`, "/cap/local.xml"]));
    case "/tricks.atom": return res.writeHead(200, { "content-type": "application/atom+xml" })
      .end(atom(["/redirect/out", "file:///etc/passwd", `${base.replace("//", "//user:secret@")}/cap/local.xml`, "/redirect/home"]));
    case "/redirect/out": return res.writeHead(302, { location: `${otherBase}/cap/remote.xml` }).end();
    case "/redirect/localhost": return res.writeHead(302, { location: `${otherBase.replace("127.0.0.1", "localhost")}/cap/remote.xml` }).end();
    case "/redirect/home": return res.writeHead(301, { location: "/cap/local.xml" }).end();
    default: return res.writeHead(404).end();
  }
}

async function addFeed(name: string, path: string, extra: Record<string, unknown> = {}): Promise<WarningFeed> {
  const res = await admin.post("/api/warning-feeds", { name, url: `${base}${path}`, intervalSeconds: 60, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function feedRow(id: string) {
  const { rows } = await t.db.execute<{ last_status: string; last_error: string | null; consecutive_failures: number; total_imported: number; etag: string | null }>(
    sql`select last_status, last_error, consecutive_failures, total_imported, etag from warning_feeds where id = ${id}`);
  return rows[0]!;
}

const options = () => ({ timeoutSeconds: TIMEOUT, hosts: t.config.WARNING_FEED_HOSTS, privateHosts: t.config.WARNING_FEED_PRIVATE_HOSTS });
const makeDue = () => t.db.execute(sql`update warning_feeds set next_poll_at = now() - interval '1 second'`);
const byFeed = (results: FeedPollResult[], id: string) => results.find((r) => r.feedId === id)!;

beforeAll(async () => {
  server = createServer(source);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  other = createServer((req, res) => {
    otherHits[req.url ?? "/"] = (otherHits[req.url ?? "/"] ?? 0) + 1;
    if (req.url === "/cap/remote.xml") return res.writeHead(200, { "content-type": "application/cap+xml" }).end(variant(3));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
  otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  // The loopback sources are allowed by name, as an intranet hub would be: every other private address is refused.
  t = await buildTestApp({ WARNING_FEEDS_POLL: "false", WARNING_FEED_PRIVATE_HOSTS: `${new URL(base).host}, ${new URL(otherBase).host}` });
  admin = await loginAs(t.app, "admin");
  duty = await loginAs(t.app, "duty");
});
afterAll(async () => {
  for (const s of [server, other]) {
    s?.closeAllConnections();
    s?.close();
  }
  await t?.close();
});

describe("warning feeds administration", () => {
  it("lets an administrator add, change and remove a feed, and a duty officer see them", async () => {
    const feed = await addFeed("测试源", "/nothing");
    expect(feed).toMatchObject({ name: "测试源", intervalSeconds: 60, enabled: true, lastStatus: null, consecutiveFailures: 0, version: 1 });
    const listed = await duty.get("/api/warning-feeds");
    expect(listed.statusCode).toBe(200);
    expect(listed.json().map((f: WarningFeed) => f.id)).toContain(feed.id);
    expect((await duty.post("/api/warning-feeds", { name: "x", url: `${base}/x` })).statusCode).toBe(403);

    const changed = await admin.patch(`/api/warning-feeds/${feed.id}`, { version: 1, intervalSeconds: 600, enabled: false });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ intervalSeconds: 600, enabled: false, version: 2 });
    expect((await admin.patch(`/api/warning-feeds/${feed.id}`, { version: 1, name: "旧版本" })).statusCode).toBe(409);

    expect((await duty.delete(`/api/warning-feeds/${feed.id}`)).statusCode).toBe(403);
    expect((await admin.delete(`/api/warning-feeds/${feed.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/warning-feeds/${feed.id}`)).statusCode).toBe(404);
    const { rows } = await t.db.execute<{ action: string }>(sql`select action from audit_log where entity_id = ${feed.id} order by seq`);
    expect(rows.map((r) => r.action)).toEqual(["warnings.feed.create", "warnings.feed.update", "warnings.feed.delete"]);
  });

  it("refuses an address that is not http(s), naming the field, and writes nothing", async () => {
    const before = await countRows(t.db, "warning_feeds");
    for (const url of ["file:///etc/passwd", "ftp://example.com/cap.xml", "not a url", "http://user:secret@127.0.0.1:9/cap.xml"]) {
      const res = await admin.post("/api/warning-feeds", { name: "坏地址", url });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain("url");
    }
    expect((await admin.post("/api/warning-feeds", { name: "太频繁", url: `${base}/x`, intervalSeconds: 1 })).statusCode).toBe(400);
    expect(await countRows(t.db, "warning_feeds")).toBe(before);
  });
});

describe("the feed poller", () => {
  it("recognises CAP, Atom and RSS documents and resolves the CAP links of a feed", () => {
    expect(documentKind(ALERT)).toBe("cap");
    expect(documentKind(TYPHOON)).toBe("cap");
    expect(documentKind(Buffer.from(atom([])))).toBe("atom");
    expect(documentKind(Buffer.from('<?xml version="1.0"?>\n<!-- x --><rss version="2.0"/>'))).toBe("rss");
    expect(documentKind(Buffer.from("502 Bad Gateway"))).toBeNull();
    expect(capLinks(Buffer.from(atom(["/cap/a.xml", "https://other.example/b.xml?x=1&amp;y=2"])), "atom", "http://feeds.example/atom.xml"))
      .toEqual(["http://feeds.example/cap/a.xml", "https://other.example/b.xml?x=1&y=2"]);
  });

  it("imports from every good feed in one round although others hang, answer garbage or declare entities", async () => {
    await t.db.execute(sql`delete from warning_feeds`);
    const alertFeed = await addFeed("常州市气象台", "/cap/alert.xml");
    // Trusted for the city observatory: its Update applies to the Alert whichever feed brought it first.
    const atomFeed = await addFeed("常州市预警信息发布中心", "/atom.xml", { senders: ["32040041600000"] });
    const rssFeed = await addFeed("江苏省气象台", "/rss.xml");
    const hang = await addFeed("无响应", "/hang");
    const garbage = await addFeed("乱码", "/garbage");
    const xxe = await addFeed("XXE", "/xxe");
    const repeat = await addFeed("重复", "/repeat");
    const receivedBefore = await countRows(t.db, "warning_received_alerts");

    const round1 = await pollDueFeeds(t.db, options());
    expect(round1).toHaveLength(7);
    expect(byFeed(round1, hang.id)).toMatchObject({ status: "error", imported: 0 });
    expect(byFeed(round1, hang.id).error).toMatch(/3 秒内未完成应答/);
    expect(byFeed(round1, garbage.id)).toMatchObject({ status: "error", kind: null });
    expect(byFeed(round1, xxe.id)).toMatchObject({ status: "error", kind: "cap" });
    expect(byFeed(round1, xxe.id).error).toContain("cap_doctype");
    // The atom lists the Alert, a broken document and the Update: the broken one fails alone.
    const atomResult = byFeed(round1, atomFeed.id);
    expect(atomResult).toMatchObject({ status: "ok", kind: "atom", documents: 3 });
    expect(atomResult.errors).toHaveLength(1);
    expect(atomResult.errors[0]!.url).toBe(`${base}/cap/broken.xml`);
    expect(atomResult.errors[0]!.message).toContain("cap_malformed");
    expect(byFeed(round1, rssFeed.id)).toMatchObject({ status: "ok", kind: "rss", documents: 1 });
    expect(byFeed(round1, alertFeed.id)).toMatchObject({ status: "ok", kind: "cap", documents: 1 });
    expect(byFeed(round1, repeat.id)).toMatchObject({ status: "ok", kind: "cap", documents: 1 });

    // Three distinct alerts (rainstorm alert, its update, the typhoon), each stored once although two feeds brought each.
    const imported = round1.reduce((n, r) => n + r.imported, 0);
    const duplicates = round1.reduce((n, r) => n + r.duplicates, 0);
    expect(imported).toBe(3);
    expect(duplicates).toBe(2);
    expect(await countRows(t.db, "warning_received_alerts")).toBe(receivedBefore + 3);
    expect(await feedRow(hang.id)).toMatchObject({ last_status: "error", consecutive_failures: 1 });
    expect(await feedRow(alertFeed.id)).toMatchObject({ last_status: "ok", consecutive_failures: 0, etag: '"alert-v1"' });

    const { rows } = await t.db.execute<{ headline: string }>(sql`select headline from warnings where origin = 'received'`);
    const headlines = rows.map((w) => w.headline);
    expect(headlines).toContain("江苏省气象台发布台风黄色预警信号");
    // The Update changed the rainstorm warning in place: upgraded to red.
    expect(headlines).toContain("常州市气象台将暴雨橙色预警信号升级为红色");
    expect(headlines).not.toContain("常州市气象台发布暴雨橙色预警信号");
  });

  it("does not import again what a second round finds unchanged or repeated, and retries only what failed", async () => {
    const feeds: WarningFeed[] = (await admin.get("/api/warning-feeds")).json();
    const id = (name: string) => feeds.find((f) => f.name === name)!.id;
    const typhoonHits = hits["/cap/typhoon.xml"] ?? 0;
    const brokenHits = hits["/cap/broken.xml"] ?? 0;
    const receivedBefore = await countRows(t.db, "warning_received_alerts");
    // Nothing is due yet: a round now polls nothing.
    expect(await pollDueFeeds(t.db, options())).toEqual([]);

    await makeDue();
    const round2 = await pollDueFeeds(t.db, options());
    expect(byFeed(round2, id("常州市气象台")).status).toBe("not_modified");
    expect(byFeed(round2, id("重复"))).toMatchObject({ status: "ok", imported: 0, duplicates: 1 });
    expect(byFeed(round2, id("江苏省气象台"))).toMatchObject({ status: "ok", documents: 0 });
    // Only the broken entry is read again (and fails again); the two good ones are known.
    expect(byFeed(round2, id("常州市预警信息发布中心"))).toMatchObject({ documents: 1, imported: 0, duplicates: 0 });
    expect(byFeed(round2, id("常州市预警信息发布中心")).errors).toHaveLength(1);
    expect(hits["/cap/typhoon.xml"]).toBe(typhoonHits);
    expect(hits["/cap/broken.xml"]).toBe(brokenHits + 1);
    expect(await countRows(t.db, "warning_received_alerts")).toBe(receivedBefore);
    expect(await feedRow(id("无响应"))).toMatchObject({ last_status: "error", consecutive_failures: 2 });
  });

  it("lets two pollers running at once read each due feed exactly once", async () => {
    const repeatHits = hits["/repeat"] ?? 0;
    const alertHits = hits["/cap/alert.xml"] ?? 0;
    await makeDue();
    const due = (await admin.get("/api/warning-feeds")).json().filter((f: WarningFeed) => f.enabled).length;
    const [a, b] = await Promise.all([pollDueFeeds(t.db, options()), pollDueFeeds(t.db, options())]);
    expect(a.length + b.length).toBe(due);
    expect(new Set([...a, ...b].map((r) => r.feedId)).size).toBe(due);
    expect(hits["/repeat"]).toBe(repeatHits + 1);
    expect(hits["/cap/alert.xml"]).toBe(alertHits + 1);
  });

  it("polls one feed on demand and says what it found", async () => {
    const feeds: WarningFeed[] = (await duty.get("/api/warning-feeds")).json();
    const garbage = feeds.find((f) => f.name === "乱码")!;
    const res = await duty.post(`/api/warning-feeds/${garbage.id}/poll`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ feedId: garbage.id, status: "error", imported: 0 });
    expect(res.json().error).toMatch(/既不是 CAP 文档/);
    expect((await duty.get(`/api/warning-feeds/${garbage.id}`)).json()).toMatchObject({ lastStatus: "error", consecutiveFailures: 4 });
  });
});

const receivedHeadlines = async (db: TestApp["db"]) =>
  (await db.execute<{ headline: string }>(sql`select headline from warnings where origin = 'received'`)).rows.map((w) => w.headline);

describe("feeds whose content points elsewhere, without WARNING_FEED_HOSTS", () => {
  it("imports a feed's entry on its own origin and refuses, without a request, the entry on another origin", async () => {
    const feed = await addFeed("两个来源", "/pair.atom", { enabled: false });
    const remoteHits = otherHits["/cap/remote.xml"] ?? 0;
    const res = await admin.post(`/api/warning-feeds/${feed.id}/poll`);
    expect(res.statusCode).toBe(200);
    const result: FeedPollResult = res.json();
    expect(result).toMatchObject({ status: "ok", kind: "atom", documents: 1, imported: 1 });
    expect(result.errors).toEqual([{ url: `${otherBase}/cap/remote.xml`, message: expect.stringContaining(`${otherBase} 与信息源 ${base} 不同源`) }]);
    expect(otherHits["/cap/remote.xml"] ?? 0).toBe(remoteHits);
    expect(await receivedHeadlines(t.db)).toContain("常州市气象台发布暴雨橙色预警信号（2）");
    expect(await receivedHeadlines(t.db)).not.toContain("常州市气象台发布暴雨橙色预警信号（3）");
    // The refusal is recorded on the feed, as other failed entries are.
    expect((await feedRow(feed.id)).last_error).toContain(`${otherBase}/cap/remote.xml: 已拒绝读取`);
  });

  it("refuses a redirect out of the feed's origin, other schemes and credentials, each entry alone, and follows a redirect home", async () => {
    const feed = await addFeed("花招", "/tricks.atom", { enabled: false });
    const remoteHits = otherHits["/cap/remote.xml"] ?? 0;
    const result: FeedPollResult = (await admin.post(`/api/warning-feeds/${feed.id}/poll`)).json();
    // /redirect/home → /cap/local.xml: read (already imported by the feed above, or new when run alone).
    expect(result).toMatchObject({ status: "ok", kind: "atom", documents: 1 });
    expect(result.imported + result.duplicates).toBe(1);
    const messages = Object.fromEntries(result.errors.map((e) => [e.url, e.message]));
    expect(Object.keys(messages)).toHaveLength(3);
    expect(messages[`${base}/redirect/out`]).toContain(`已拒绝重定向到 ${otherBase}/cap/remote.xml`);
    expect(messages["file:///etc/passwd"]).toContain("只允许 http 或 https");
    expect(messages[`${base.replace("//", "//user:secret@")}/cap/local.xml`]).toContain("用户名或密码");
    expect(otherHits["/cap/remote.xml"] ?? 0).toBe(remoteHits);
  });

  it("fails a feed whose own address redirects to another origin, without following it", async () => {
    const feed = await addFeed("重定向出去", "/redirect/out", { enabled: false });
    const remoteHits = otherHits["/cap/remote.xml"] ?? 0;
    const result: FeedPollResult = (await admin.post(`/api/warning-feeds/${feed.id}/poll`)).json();
    expect(result).toMatchObject({ status: "error", documents: 0, imported: 0 });
    expect(result.error).toContain(`已拒绝重定向到 ${otherBase}/cap/remote.xml`);
    expect(otherHits["/cap/remote.xml"] ?? 0).toBe(remoteHits);
    expect(await feedRow(feed.id)).toMatchObject({ last_status: "error", consecutive_failures: 1 });
  });
});

describe("feeds with WARNING_FEED_HOSTS set", () => {
  let t2: TestApp;
  let admin2: Client;
  const hostOf = (url: string) => new URL(url).host;
  beforeAll(async () => {
    t2 = await buildTestApp({ WARNING_FEEDS_POLL: "false", WARNING_FEED_HOSTS: `${hostOf(base)}, ${hostOf(otherBase)}`, WARNING_FEED_PRIVATE_HOSTS: `${hostOf(base)}, ${hostOf(otherBase)}` });
    admin2 = await loginAs(t2.app, "admin");
  });
  afterAll(async () => {
    await t2?.close();
  });
  const add2 = async (name: string, url: string) => {
    const res = await admin2.post("/api/warning-feeds", { name, url, enabled: false });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as WarningFeed;
  };

  it("imports the entries on every listed host, and follows a redirect to a listed host", async () => {
    const remoteHits = otherHits["/cap/remote.xml"] ?? 0;
    const pair = await add2("两个来源", `${base}/pair.atom`);
    const result: FeedPollResult = (await admin2.post(`/api/warning-feeds/${pair.id}/poll`)).json();
    expect(result).toMatchObject({ status: "ok", kind: "atom", documents: 2, imported: 2, errors: [] });
    expect(await receivedHeadlines(t2.db)).toEqual(expect.arrayContaining(["常州市气象台发布暴雨橙色预警信号（2）", "常州市气象台发布暴雨橙色预警信号（3）"]));
    const out = await add2("重定向到列出的主机", `${base}/redirect/out`);
    expect((await admin2.post(`/api/warning-feeds/${out.id}/poll`)).json()).toMatchObject({ status: "ok", kind: "cap", documents: 1, duplicates: 1 });
    expect(otherHits["/cap/remote.xml"]).toBe(remoteHits + 2);
  });

  it("refuses a redirect to a host outside the list without contacting it", async () => {
    const remoteHits = otherHits["/cap/remote.xml"] ?? 0;
    // localhost is the same machine, but not a listed name.
    const feed = await add2("重定向到未列出的主机", `${base}/redirect/localhost`);
    const result: FeedPollResult = (await admin2.post(`/api/warning-feeds/${feed.id}/poll`)).json();
    expect(result.status).toBe("error");
    expect(result.error).toContain(`已拒绝重定向到 ${otherBase.replace("127.0.0.1", "localhost")}/cap/remote.xml`);
    expect(result.error).toContain("WARNING_FEED_HOSTS");
    expect(otherHits["/cap/remote.xml"] ?? 0).toBe(remoteHits);
  });

  it("refuses to save a feed address outside the list, naming url, and writes nothing", async () => {
    const feed = await add2("可改地址", `${base}/cap/alert.xml`);
    const [audit, feeds] = [await countRows(t2.db, "audit_log"), await countRows(t2.db, "warning_feeds")];
    for (const url of ["http://127.0.0.1:9/cap.xml", "http://10.0.0.1/cap.xml", otherBase.replace("127.0.0.1", "localhost")]) {
      for (const res of [await admin2.post("/api/warning-feeds", { name: "外部", url }), await admin2.patch(`/api/warning-feeds/${feed.id}`, { version: 1, url })]) {
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error).toMatchObject({ code: "bad_request", details: { field: "url" } });
        expect(res.json().error.message).toMatch(/^url: .*WARNING_FEED_HOSTS/);
      }
    }
    expect(await countRows(t2.db, "audit_log")).toBe(audit);
    expect(await countRows(t2.db, "warning_feeds")).toBe(feeds);
    const moved = await admin2.patch(`/api/warning-feeds/${feed.id}`, { version: 1, url: `${otherBase}/cap/remote.xml` });
    expect(moved.statusCode, moved.body).toBe(200);
  });

  it("asks who is calling before judging the address: 401 anonymous, 403 without warnings.feeds, 404 outside the caller's subtree", async () => {
    const outside = { name: "外部", url: "http://10.0.0.1/cap.xml" };
    expect((await t2.app.inject({ method: "POST", url: "/api/warning-feeds", payload: outside })).statusCode).toBe(401);
    expect((await (await loginAs(t2.app, "duty")).post("/api/warning-feeds", outside)).statusCode).toBe(403);
    const district = await add2("区级信息源", `${base}/cap/alert.xml`);
    // An administrator of one town, who cannot see the district's feed.
    const created = await admin2.post("/api/users", { username: "townfeeds", displayName: "镇管理员", role: "admin", unitId: await unitId(t2.db, "湖塘镇"), password: "Scope#Test2030" });
    expect(created.statusCode, created.body).toBe(201);
    await t2.db.execute(sql`update users set must_change_password = false where username = 'townfeeds'`);
    const town = await loginAs(t2.app, "townfeeds", { password: "Scope#Test2030" });
    const audit = await countRows(t2.db, "audit_log");
    expect((await town.patch(`/api/warning-feeds/${district.id}`, { version: 1, url: outside.url })).statusCode).toBe(404);
    expect(await countRows(t2.db, "audit_log")).toBe(audit);
  });

  it("fails a feed saved before its host left the list, without a request", async () => {
    const remoteHits = otherHits["/cap/remote.xml"] ?? 0;
    const feed = await add2("旧信息源", `${otherBase}/cap/remote.xml`);
    await t2.db.execute(sql`update warning_feeds set url = ${`${otherBase.replace("127.0.0.1", "localhost")}/cap/remote.xml`} where id = ${feed.id}`);
    const result: FeedPollResult = (await admin2.post(`/api/warning-feeds/${feed.id}/poll`)).json();
    expect(result).toMatchObject({ status: "error", documents: 0 });
    expect(result.error).toMatch(/^已拒绝读取：主机 localhost:\d+ 不在允许的信息源主机（WARNING_FEED_HOSTS）之内$/);
    expect(otherHits["/cap/remote.xml"] ?? 0).toBe(remoteHits);
  });
});
