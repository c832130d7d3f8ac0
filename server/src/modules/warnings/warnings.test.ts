/**
 * Early warning through the API on a real database, with the real channels: the loopback SMS
 * gateway simulator and a local SMTP server (smtp-server). The app's own workers are off; each
 * test drives the same worker code and controls the clock where deadlines matter.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { XMLParser } from "fast-xml-parser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.ts";
import { totpAt, timeStep } from "../../platform/auth/totp.ts";
import { buildTestApp, countRows, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";
import { SmsSimulator } from "./channels/sms-simulator.ts";
import { startWarningWorkers, type WarningWorkers } from "./warnings.dispatch.ts";
import { approveWarning, expireWarnings } from "./warnings.service.ts";
import { warningSettings, type WarningSettings } from "./warnings.settings.ts";
import { escalateOverdue } from "./warnings.tracking.ts";

/** A fixture of the CAP parser, moved to today and tomorrow (Asia/Shanghai) so it is in force now. */
const shanghaiDay = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const fixture = (name: string) => Buffer.from(readFileSync(fileURLToPath(new URL(`./cap/fixtures/${name}`, import.meta.url)), "utf8")
  .replaceAll("2026-07-21", shanghaiDay(1)).replaceAll("2026-07-20", shanghaiDay(0)));
const CAP = { "content-type": "application/cap+xml" };

let t: TestApp;
let sim: SmsSimulator;
let smtp: SMTPServer;
const mails: { to: string; raw: string }[] = [];
let s: WarningSettings;
let workers: WarningWorkers;
let duty: Client, leader: Client, town: Client, village: Client, admin: Client, dept: Client;
const ids: Record<string, string> = {};
const hour = 3_600_000;
const at = (ms: number) => new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString();

const area = (over: Record<string, unknown> = {}) => ({ description: "湖塘镇、牛塘镇", polygons: [], circles: [], unitIds: [], ...over });
const draftBody = (over: Record<string, unknown> = {}) => ({
  level: "orange", incidentTypeId: null, headline: "暴雨橙色预警", description: "预计未来6小时降水50毫米以上", instruction: "各村做好低洼地带巡查，转移危险区域群众",
  area: area(), effectiveAt: at(-60_000), expiresAt: at(24 * hour), public: true,
  targets: { unitIds: [ids.town, ids.niutang], inArea: false, roles: [], channels: ["inapp", "sms", "email"] },
  ...over,
});

async function q<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return (await t.db.execute(query)).rows as T[];
}

/** Drafts, submits and has `leader` release a warning; returns it. */
async function release(over: Record<string, unknown> = {}, drafter = duty) {
  const created = await drafter.post("/api/warnings", draftBody(over));
  expect(created.statusCode, created.body).toBe(201);
  const submitted = await drafter.post(`/api/warnings/${created.json().id}/submit`, { version: created.json().version });
  expect(submitted.statusCode, submitted.body).toBe(200);
  const approved = await leader.post(`/api/warnings/${created.json().id}/approve`, { version: submitted.json().version });
  expect(approved.statusCode, approved.body).toBe(200);
  return approved.json();
}

/** Runs the workers until nothing is queued or being sent (retries wait a few milliseconds here). */
async function settle(warningId: string) {
  for (let i = 0; i < 200; i++) {
    await workers.drain();
    const [{ n }] = await q<{ n: number }>(sql`select count(*)::int as n from warning_deliveries where warning_id = ${warningId} and status in ('queued', 'sending')`);
    if (Number(n) === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("deliveries did not settle");
}

beforeAll(async () => {
  sim = new SmsSimulator({ user: "yj", password: "gw-secret" });
  await sim.start();
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ["STARTTLS"], logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw: text });
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  const port = (smtp.server.address() as { port: number }).port;
  t = await buildTestApp({
    WARNING_WORKERS: "false", SMS_GATEWAY_URL: sim.url, SMS_GATEWAY_USER: "yj", SMS_GATEWAY_PASSWORD: "gw-secret", SMTP_URL: `smtp://127.0.0.1:${port}`,
    WARNING_RETRY_BASE_SECONDS: "0.01", WARNING_MAX_ATTEMPTS: "3", WARNING_CONCURRENCY: "8",
  });
  s = warningSettings(t.config);
  workers = await startWarningWorkers(t.database, s, { pollMs: 60_000 });
  [duty, leader, town, village, admin, dept] = await Promise.all(["duty", "leader", "town", "village", "admin", "dept"].map((u) => loginAs(t.app, u)));
  ids.town = await unitId(t.db, "湖塘镇");
  ids.niutang = await unitId(t.db, "牛塘镇");
  ids.village = await unitId(t.db, "马杭村");
  ids.luojia = await unitId(t.db, "卢家巷村");
  // E-mail addresses for the people of 湖塘镇's subtree, so the e-mail channel has recipients.
  await t.db.execute(sql`update people set email = 'p' || substr(id::text, 1, 8) || '@hutang.example.cn' where unit_path <@ (select path from org_units where id = ${ids.town})`);
});
afterAll(async () => {
  await workers?.stop();
  await t?.close();
  await sim?.stop();
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
});

describe("drafting and two-person release", () => {
  it("previews the units and people a choice of targets reaches, per channel, before release", async () => {
    const res = await duty.post("/api/warnings/preview", { targets: draftBody().targets, area: area() });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    const [units] = await q<{ n: number }>(sql`select count(*)::int as n from org_units where active and (path <@ (select path from org_units where id = ${ids.town}) or path <@ (select path from org_units where id = ${ids.niutang}))`);
    const [people] = await q<{ n: number; sms: number; email: number }>(sql`select count(*)::int as n, count(*) filter (where mobile is not null)::int as sms, count(*) filter (where email is not null)::int as email
      from people where active and (unit_path <@ (select path from org_units where id = ${ids.town}) or unit_path <@ (select path from org_units where id = ${ids.niutang}))`);
    expect(p.units).toBe(Number(units.n));
    expect(p.people).toBe(Number(people.n));
    expect(p.channels).toEqual([
      { channel: "inapp", people: Number(people.n), units: expect.any(Number) },
      { channel: "sms", people: Number(people.sms), units: expect.any(Number) },
      { channel: "email", people: Number(people.email), units: expect.any(Number) },
    ]);
    expect(p.towns.map((x: { name: string }) => x.name).sort()).toEqual(["湖塘镇", "牛塘镇"].sort());
  });

  it("narrows the recipients to roles and widens the targets to units inside the area", async () => {
    const liaison = (await duty.post("/api/warnings/preview", { targets: { ...draftBody().targets, roles: ["liaison"] }, area: area() })).json();
    const [n] = await q<{ n: number }>(sql`select count(*)::int as n from people where active and (is_liaison or 'liaison' = any(emergency_roles))
      and (unit_path <@ (select path from org_units where id = ${ids.town}) or unit_path <@ (select path from org_units where id = ${ids.niutang}))`);
    expect(liaison.people).toBe(Number(n.n));
    // A small circle around 马杭村's location, no unit chosen: only the units located in it.
    const [v] = await q<{ lat: number; lon: number }>(sql`select lat, lon from org_units where id = ${ids.village}`);
    const circle = (await duty.post("/api/warnings/preview", { targets: { unitIds: [], inArea: true, roles: [], channels: ["inapp"] }, area: area({ circles: [{ lat: v.lat, lon: v.lon, radiusKm: 0.01 }] }) })).json();
    expect(circle.units).toBeGreaterThanOrEqual(1);
    expect(circle.towns.map((x: { name: string }) => x.name)).toEqual(["湖塘镇"]);
  });

  it("refuses an open polygon and an expiry before the start, naming the field, and writes nothing", async () => {
    const before = await countRows(t.db, "warnings");
    const open = await duty.post("/api/warnings", draftBody({ area: area({ polygons: [[[31.7, 119.9], [31.8, 119.9], [31.8, 120.0], [31.7, 120.1]]] }) }));
    expect(open.statusCode).toBe(400);
    expect(open.json().error.message).toContain("area.polygons.0");
    const times = await duty.post("/api/warnings", draftBody({ expiresAt: at(-2 * hour) }));
    expect(times.statusCode).toBe(400);
    expect(times.json().error.message).toContain("expiresAt");
    expect(await countRows(t.db, "warnings")).toBe(before);
  });

  it("answers 404 when a town targets a unit outside its subtree", async () => {
    const res = await town.post("/api/warnings", draftBody({ targets: { ...draftBody().targets, unitIds: [ids.luojia] } }));
    expect(res.statusCode).toBe(404);
  });

  it("releases only by a second person, writing the targets and exactly one delivery per person and channel", async () => {
    const created = await admin.post("/api/warnings", draftBody());
    const id = created.json().id;
    expect(created.json()).toMatchObject({ status: "draft", revision: 0, drafterName: "系统管理员" });
    const submitted = (await admin.post(`/api/warnings/${id}/submit`, { version: created.json().version })).json();
    expect(submitted.status).toBe("pending_approval");
    const self = await admin.post(`/api/warnings/${id}/approve`, { version: submitted.version });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.code).toBe("same_person");
    const deliveriesBefore = await countRows(t.db, "warning_deliveries");
    expect((await duty.post(`/api/warnings/${id}/approve`, { version: submitted.version })).statusCode).toBe(403);
    expect(await countRows(t.db, "warning_deliveries")).toBe(deliveriesBefore);

    const preview = (await admin.get(`/api/warnings/${id}/preview`)).json();
    // The approver sees the same count of people before releasing.
    expect((await leader.get(`/api/warnings/${id}/preview`)).json()).toEqual(preview);
    const approved = await leader.post(`/api/warnings/${id}/approve`, { version: submitted.version });
    expect(approved.statusCode, approved.body).toBe(200);
    const w = approved.json();
    expect(w).toMatchObject({ status: "released", revision: 1, approverName: "区领导", sender: s.cap.sender });
    expect(w.identifier).toMatch(/^000000{1}00000000_\d{14}_\d+$/);
    ids.released = id;
    const [targets] = await q<{ n: number }>(sql`select count(*)::int as n from warning_targets where warning_id = ${id}`);
    expect(Number(targets.n)).toBe(preview.units);
    const perChannel = await q<{ channel: string; n: number }>(sql`select channel, count(*)::int as n from warning_deliveries where warning_id = ${id} group by channel order by channel`);
    expect(Object.fromEntries(perChannel.map((r) => [r.channel, Number(r.n)]))).toEqual(Object.fromEntries(preview.channels.map((c: { channel: string; people: number }) => [c.channel, c.people])));
    const doubles = await q<{ n: number }>(sql`select count(*)::int as n from (select person_id, channel from warning_deliveries where warning_id = ${id} group by person_id, channel, revision having count(*) > 1) x`);
    expect(Number(doubles[0].n)).toBe(0);
    // One event addressed to the issuer and every target unit, not one per target.
    const events = await q<{ type: string; also: number }>(sql`select type, cardinality(also_paths)::int as also from outbox_events where data->>'warningId' = ${id}`);
    expect(events.map((e) => e.type)).toEqual(["warning.released"]);
    expect(Number(events[0].also)).toBeGreaterThanOrEqual(Math.min(1, Number(targets.n)));
    expect((await admin.post(`/api/warnings/${id}/approve`, { version: w.version })).statusCode).toBe(422);
  });

  it("refuses to release a warning whose targets reach no unit, and writes nothing", async () => {
    const created = (await duty.post("/api/warnings", draftBody({ headline: "无对象", targets: { unitIds: [], inArea: true, roles: [], channels: ["inapp"] }, area: area({ circles: [{ lat: 10, lon: 10, radiusKm: 1 }] }) }))).json();
    const submitted = (await duty.post(`/api/warnings/${created.id}/submit`, { version: created.version })).json();
    const versions = await countRows(t.db, "warning_versions");
    const res = await leader.post(`/api/warnings/${created.id}/approve`, { version: submitted.version });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("no_targets");
    expect(await countRows(t.db, "warning_versions")).toBe(versions);
    expect((await duty.get(`/api/warnings/${created.id}`)).json().status).toBe("pending_approval");
  });

  it("requires a current TOTP code from the approver when REQUIRE_2FA is on, each code once", async () => {
    const created = (await duty.post("/api/warnings", draftBody({ headline: "双因素签发" }))).json();
    const submitted = (await duty.post(`/api/warnings/${created.id}/submit`, { version: created.version })).json();
    const secret = "JBSWY3DPEHPK3PXP";
    await t.db.execute(sql`update users set totp_secret = ${secret}, totp_enabled = true, totp_last_step = null where username = 'leader'`);
    const actor = { ...leader.me, id: leader.me.id, displayName: "区领导", unitPath: (await q<{ p: string }>(sql`select path::text as p from org_units where id = ${leader.me.unitId}`))[0].p, ip: "127.0.0.1" } as unknown as Actor;
    const strict = { ...s, require2fa: true };
    await expect(approveWarning(t.db, strict, actor, created.id, { version: submitted.version })).rejects.toMatchObject({ code: "totp_required" });
    await expect(approveWarning(t.db, strict, actor, created.id, { version: submitted.version, totp: "000000" === totpAt(secret, timeStep()) ? "111111" : "000000" })).rejects.toMatchObject({ code: "totp_invalid" });
    expect((await q<{ status: string }>(sql`select status from warnings where id = ${created.id}`))[0].status).toBe("pending_approval");
    const code = totpAt(secret, timeStep());
    await approveWarning(t.db, strict, actor, created.id, { version: submitted.version, totp: code });
    expect((await q<{ status: string }>(sql`select status from warnings where id = ${created.id}`))[0].status).toBe("released");
    await t.db.execute(sql`update users set totp_secret = null, totp_enabled = false, totp_last_step = null where username = 'leader'`);
    ids.twoFactor = created.id;
  });
});

describe("delivery", () => {
  it("sends every SMS and e-mail once through the real gateway simulator and SMTP server, each with its status time", async () => {
    const id = ids.released;
    await settle(id);
    const rows = await q<{ channel: string; status: string; n: number }>(sql`select channel, status, count(*)::int as n from warning_deliveries where warning_id = ${id} group by channel, status`);
    const of = (c: string, st: string) => Number(rows.find((r) => r.channel === c && r.status === st)?.n ?? 0);
    const sms = await q<{ idempotency_key: string }>(sql`select idempotency_key from warning_deliveries where warning_id = ${id} and channel = 'sms'`);
    expect(of("sms", "delivered")).toBe(sms.length);
    for (const r of sms) expect(sim.perKey.get(r.idempotency_key), r.idempotency_key).toBe(1);
    const emails = await q<{ address: string }>(sql`select address from warning_deliveries where warning_id = ${id} and channel = 'email'`);
    expect(emails.length).toBeGreaterThan(0);
    expect(of("email", "sent")).toBe(emails.length);
    expect(mails.filter((m) => m.raw.includes(id)).map((m) => m.to).sort()).toEqual(emails.map((e) => e.address).sort());
    expect(of("inapp", "delivered")).toBeGreaterThan(0);
    const [times] = await q<{ missing: number }>(sql`select count(*)::int as missing from warning_deliveries where warning_id = ${id} and (sent_at is null or queued_at is null)`);
    expect(Number(times.missing)).toBe(0);
    const tracking = (await duty.get(`/api/warnings/${id}/tracking`)).json();
    expect(tracking.channels.find((c: { channel: string }) => c.channel === "sms")).toMatchObject({ total: sms.length, delivered: sms.length, reachedRate: 1 });
  });

  it("retries with backoff and fails after the set number of tries, keeping the last error", async () => {
    // Failures are set before the release: the workers wake on the release's NOTIFY and may send at once.
    const phones = await q<{ mobile: string }>(sql`select mobile from people where unit_id = ${ids.village} and active and mobile is not null order by mobile`);
    expect(phones.length).toBeGreaterThanOrEqual(2);
    sim.failNumbers([phones[0].mobile]);
    const w = await release({ headline: "重试测试", targets: { unitIds: [ids.village], inArea: false, roles: [], channels: ["sms"] } });
    await settle(w.id);
    sim.failNumbers([]);
    const rows = await q<{ address: string; status: string; attempts: number; last_error: string | null; failed_at: Date | null }>(sql`
      select address, status, attempts, last_error, failed_at from warning_deliveries where warning_id = ${w.id} order by address = ${phones[0].mobile} desc, id`);
    expect(rows[0]).toMatchObject({ address: phones[0].mobile, status: "failed", attempts: 3, last_error: "gateway answered 503" });
    expect(rows[0].failed_at).not.toBeNull();
    for (const r of rows.slice(1)) expect(r).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("delivers after transient gateway errors", async () => {
    sim.failNextRequests(2);
    const w = await release({ headline: "暂时失败", targets: { unitIds: [ids.village], inArea: false, roles: ["liaison"], channels: ["sms"] } });
    await settle(w.id);
    const rows = await q<{ status: string; attempts: number }>(sql`select status, attempts from warning_deliveries where warning_id = ${w.id}`);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.status === "delivered")).toBe(true);
    expect(rows.reduce((n, r) => n + Number(r.attempts), 0)).toBe(rows.length + 2);
  });
});

describe("delivery in batches", () => {
  it("sends several messages per gateway request when the gateway takes batches, each key once", async () => {
    await workers.stop();
    workers = await startWarningWorkers(t.database, { ...s, sms: { ...s.sms!, batch: 10 } }, { pollMs: 60_000 });
    try {
      const requests = sim.requests;
      const calls = sim.stats();
      const w = await release({ headline: "批量发送", targets: { unitIds: [ids.town], inArea: false, roles: [], channels: ["sms"] } });
      await settle(w.id);
      const rows = await q<{ idempotency_key: string; status: string }>(sql`select idempotency_key, status from warning_deliveries where warning_id = ${w.id}`);
      expect(rows.length).toBeGreaterThan(10);
      expect(rows.every((r) => r.status === "delivered")).toBe(true);
      for (const r of rows) expect(sim.perKey.get(r.idempotency_key)).toBe(1);
      // The simulator counts messages; the requests it served were about a tenth of them.
      expect(sim.requests - requests).toBe(rows.length);
      expect(sim.stats().duplicates).toBe(calls.duplicates);
      expect(sim.batches).toBeGreaterThanOrEqual(Math.ceil(rows.length / 10));
      expect(sim.batches).toBeLessThan(rows.length);
    } finally {
      await workers.stop();
      workers = await startWarningWorkers(t.database, s, { pollMs: 60_000 });
    }
  });
});

describe("acknowledgement, feedback, escalation and tracking", () => {
  it("lets a target unit acknowledge once and then report its measures; others are refused", async () => {
    const id = ids.released;
    const fbBody = { measures: "已组织巡查低洼地带，转移群众12人", responseLevel: "IV", peopleSent: 20, teamsSent: 2, watchers: "镇值班室 张三" };
    const early = await village.post(`/api/warnings/${id}/feedback`, fbBody);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe("ack_first");
    const acksBefore = await countRows(t.db, "warning_acks");
    const first = await town.post(`/api/warnings/${id}/ack`, { note: "收到" });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ unitId: ids.town, late: false });
    const again = await town.post(`/api/warnings/${id}/ack`, {});
    expect(again.statusCode).toBe(200);
    expect(again.json().at).toBe(first.json().at);
    expect(await countRows(t.db, "warning_acks")).toBe(acksBefore + 1);
    expect((await town.post(`/api/warnings/${id}/feedback`, fbBody)).statusCode).toBe(201);
    expect((await village.post(`/api/warnings/${id}/ack`, {})).statusCode).toBe(201);
    // A unit that is not a target does not even see the warning.
    expect((await dept.post(`/api/warnings/${id}/ack`, {})).statusCode).toBe(404);
    const types = await q<{ type: string }>(sql`select type from outbox_events where data->>'warningId' = ${id} and type in ('warning.acked', 'warning.feedback') order by id`);
    expect(new Set(types.map((r) => r.type))).toEqual(new Set(["warning.acked", "warning.feedback"]));
    // Evidence is append-only.
    await expect(t.db.execute(sql`update warning_acks set note = 'x'`)).rejects.toThrow();
  });

  it("shows acknowledgement and feedback per town and unit, and who has not answered", async () => {
    const tr = (await duty.get(`/api/warnings/${ids.released}/tracking`)).json();
    const hutang = tr.towns.find((x: { name: string }) => x.name === "湖塘镇");
    const niutang = tr.towns.find((x: { name: string }) => x.name === "牛塘镇");
    expect(hutang, JSON.stringify(tr.towns)).toMatchObject({ acked: 2, feedback: 1, overdue: 0 });
    expect(niutang).toMatchObject({ acked: 0, feedback: 0 });
    expect(tr.totals.acked).toBe(2);
    expect(tr.units.find((u: { unitId: string }) => u.unitId === ids.town)).toMatchObject({ overdue: false, ackedAt: expect.any(String), feedbackAt: expect.any(String) });
    // The town sees its own subtree only.
    const own = (await town.get(`/api/warnings/${ids.released}/tracking`)).json();
    expect(own.towns.map((x: { name: string }) => x.name)).toEqual(["湖塘镇"]);
  });

  it("escalates units past the deadline once: red on tracking, leaders told in-app, a call task with phone numbers", async () => {
    const id = ids.released;
    const later = new Date(Date.now() + 31 * 60_000); // orange: 30 minutes
    const before = await countRows(t.db, "warning_escalations");
    const n = await escalateOverdue(t.db, later);
    const [pending] = await q<{ n: number }>(sql`select count(*)::int as n from warning_targets t where warning_id = ${id} and not exists (select 1 from warning_acks a where a.warning_id = t.warning_id and a.unit_id = t.unit_id)`);
    expect(await countRows(t.db, "warning_escalations")).toBeGreaterThanOrEqual(before + Number(pending.n));
    expect(n).toBeGreaterThanOrEqual(Number(pending.n));
    expect(await escalateOverdue(t.db, later)).toBe(0);
    const calls = (await duty.get("/api/warnings/call-tasks?open=true")).json();
    const luojia = calls.find((c: { unitId: string; warningId: string }) => c.unitId === ids.luojia && c.warningId === id);
    expect(luojia.phones.length).toBeGreaterThan(0);
    expect(luojia.phones[0].title).toBe("值班电话");
    expect(calls.some((c: { unitId: string; warningId: string }) => c.unitId === ids.town && c.warningId === id)).toBe(false);
    const [notices] = await q<{ n: number }>(sql`select count(*)::int as n from warning_deliveries where warning_id = ${id} and kind = 'escalation' and unit_id = ${ids.luojia}`);
    expect(Number(notices.n)).toBeGreaterThan(0);
    const done = await duty.post(`/api/warnings/call-tasks/${luojia.id}/done`, { note: "已电话通知村主任" });
    expect(done.statusCode).toBe(200);
    expect((await town.get("/api/warnings/call-tasks")).statusCode).toBe(403);
  });

  it("lists the warning in a target person's inbox and marks their in-app message read", async () => {
    const box = (await village.get("/api/warnings/inbox")).json();
    const item = box.find((x: { warningId: string }) => x.warningId === ids.released);
    expect(item).toMatchObject({ readAt: null, unitAcked: true });
    const res = await village.post(`/api/warnings/${ids.released}/read`, {});
    expect(res.json().marked).toBe(1);
    const after = (await village.get("/api/warnings/inbox")).json().find((x: { warningId: string }) => x.warningId === ids.released);
    expect(after.readAt).not.toBeNull();
  });
});

describe("update, extend, cancel and expiry", () => {
  it("keeps every version and sends each change again", async () => {
    const w = await release({ headline: "大风蓝色预警", level: "blue", targets: { unitIds: [ids.village], inArea: false, roles: [], channels: ["inapp", "sms"] } });
    const revised = await leader.post(`/api/warnings/${w.id}/revise`, { version: w.version, level: "yellow", headline: "大风黄色预警", expiresAt: at(48 * hour), note: "升级并延长" });
    expect(revised.statusCode, revised.body).toBe(200);
    expect(revised.json()).toMatchObject({ status: "updated", revision: 2, level: "yellow" });
    const cancelled = await leader.post(`/api/warnings/${w.id}/cancel`, { version: revised.json().version, note: "风力减弱，解除预警" });
    expect(cancelled.json()).toMatchObject({ status: "cancelled", revision: 3 });
    expect(cancelled.json().versions.map((v: { kind: string }) => v.kind)).toEqual(["release", "update", "cancel"]);
    const perRevision = await q<{ revision: number; n: number }>(sql`select revision, count(*)::int as n from warning_deliveries where warning_id = ${w.id} and kind = 'warning' group by revision order by revision`);
    expect(perRevision.map((r) => Number(r.revision))).toEqual([1, 2, 3]);
    expect(new Set(perRevision.map((r) => Number(r.n))).size).toBe(1);
    await settle(w.id);
    const texts = [...sim.messages.values()].filter((m) => m.key.startsWith(w.id)).map((m) => m.text);
    expect(texts.some((x) => x.startsWith("【解除】"))).toBe(true);
    expect(texts.some((x) => x.startsWith("【更新】") && x.includes("大风黄色预警"))).toBe(true);
    expect((await village.post(`/api/warnings/${w.id}/ack`, {})).statusCode).toBe(422);
  });

  it("expires a warning past its expiry, with a version row", async () => {
    const w = await release({ headline: "即将失效", expiresAt: at(2 * hour), targets: { unitIds: [ids.village], inArea: false, roles: [], channels: ["inapp"] } });
    const later = new Date(Date.now() + 3 * hour);
    expect(await expireWarnings(t.db, later)).toBeGreaterThanOrEqual(1);
    const got = (await duty.get(`/api/warnings/${w.id}`)).json();
    expect(got.status).toBe("expired");
    expect(got.versions.at(-1).kind).toBe("expire");
  });
});

describe("scope", () => {
  it("hides a sibling town's warning (404) and lists only what the caller may see", async () => {
    const w = await release({ headline: "牛塘镇专属预警", public: false, targets: { unitIds: [ids.niutang], inArea: false, roles: [], channels: ["inapp"] } });
    for (const path of ["", "/tracking", "/cap", "/deliveries", "/feedback"]) {
      expect((await town.get(`/api/warnings/${w.id}${path}`)).statusCode, path).toBe(404);
    }
    expect((await town.post(`/api/warnings/${w.id}/ack`, {})).statusCode).toBe(404);
    const list = (await town.get("/api/warnings?pageSize=200")).json();
    expect(list.items.some((x: { id: string }) => x.id === w.id)).toBe(false);
    expect(list.items.some((x: { id: string }) => x.id === ids.released)).toBe(true);
  });
});

describe("CAP in and out", () => {
  it("stores a received alert byte for byte once, and applies Update and Cancel to it", async () => {
    const alert = fixture("changzhou-rainstorm-alert.xml");
    const receivedBefore = await countRows(t.db, "warning_received_alerts");
    const first = await duty.request("POST", "/api/warnings/import", alert, CAP);
    expect(first.statusCode, first.body).toBe(201);
    const id = first.json().warningId;
    const again = await duty.request("POST", "/api/warnings/import", alert, CAP);
    expect(again.json()).toMatchObject({ warningId: id, created: false, alerts: [{ path: "", warningId: id, created: false, signature: "unsigned", error: null }] });
    const w = (await duty.get(`/api/warnings/${id}`)).json();
    expect(w, JSON.stringify(w)).toMatchObject({ origin: "received", status: "released", level: "orange", identifier: "32040041600000_20260720073000_1" });
    const original = await duty.get(`/api/warnings/${id}/cap`);
    expect(original.rawPayload.equals(alert)).toBe(true);
    const update = await duty.request("POST", "/api/warnings/import", fixture("changzhou-rainstorm-update.xml"), CAP);
    expect(update.json()).toMatchObject({ warningId: id, created: false });
    expect((await duty.get(`/api/warnings/${id}`)).json()).toMatchObject({ status: "updated", level: "red" });
    await duty.request("POST", "/api/warnings/import", fixture("changzhou-rainstorm-cancel.xml"), CAP);
    const done = (await duty.get(`/api/warnings/${id}`)).json();
    expect(done.status).toBe("cancelled");
    expect(done.versions.map((v: { kind: string }) => v.kind)).toEqual(["received", "update", "cancel"]);
    expect(await countRows(t.db, "warning_received_alerts")).toBe(receivedBefore + 3);
    ids.received = id;
  });

  it("refuses a DOCTYPE (XXE) and an oversized document before parsing, and a fault with its CAP path; nothing written", async () => {
    const before = [await countRows(t.db, "warning_received_alerts"), await countRows(t.db, "warnings")];
    const xxe = `<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>`;
    const a = await duty.request("POST", "/api/warnings/import", xxe, CAP);
    expect(a.statusCode).toBe(400);
    expect(a.json().error.code).toBe("cap_doctype");
    const big = await duty.request("POST", "/api/warnings/import", Buffer.alloc(1024 * 1024 + 10, 0x20), CAP);
    expect(big.statusCode).toBe(413);
    const open = fixture("changzhou-rainstorm-alert.xml").toString("utf8").replace("31.92,119.78 31.92,120.18 31.52,120.18 31.52,119.78 31.92,119.78", "31.92,119.78 31.92,120.18 31.52,120.18 31.52,119.78").replace("_20260720073000_1", "_20260720073000_9");
    const c = await duty.request("POST", "/api/warnings/import", open, CAP);
    expect(c.statusCode).toBe(400);
    expect(c.json().error.details.path).toBe("info[0].area[0].polygon[0]");
    expect([await countRows(t.db, "warning_received_alerts"), await countRows(t.db, "warnings")]).toEqual(before);
  });

  it("relays a received warning with a link to it, and exports ours as CAP that imports back to the same warning", async () => {
    const relay = await release({ relayOfId: ids.received, headline: "转发：暴雨橙色预警", instruction: "各村立即巡查", area: area({ polygons: [[[31.8, 119.82], [31.8, 120.12], [31.55, 120.12], [31.55, 119.82], [31.8, 119.82]]], unitIds: [ids.town] }) });
    expect(relay.relayOfId).toBe(ids.received);
    const cap = await duty.get(`/api/warnings/${relay.id}/cap`);
    expect(cap.statusCode).toBe(200);
    expect(cap.headers["content-type"]).toContain("application/cap+xml");
    // Named by its CAP identifier, in full as UTF-8 and as a safe ASCII fallback.
    const disposition = String(cap.headers["content-disposition"]);
    const fileName = `${relay.identifier.replace(/[:/\\*?"<>|;]/g, "_")}.cap.xml`;
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(fileName)}`);
    expect(disposition).not.toContain(relay.id);
    const back = await duty.request("POST", "/api/warnings/import", cap.rawPayload, CAP);
    expect(back.statusCode, back.body).toBe(201);
    const copy = (await duty.get(`/api/warnings/${back.json().warningId}`)).json();
    // The imported copy names its sender as the CAP senderName says.
    expect(copy.senderName).toBeTruthy();
    expect(copy.senderName).not.toBe(copy.sender);
    for (const k of ["level", "headline", "description", "instruction", "effectiveAt", "expiresAt", "public", "identifier", "sender"] as const) expect(copy[k], k).toEqual(relay[k]);
    expect(copy.area).toEqual(relay.area);
  });
});

describe("public feed and page", () => {
  it("serves valid Atom of the active public warnings, each linking to CAP served without login", async () => {
    const res = await t.app.inject({ method: "GET", url: "/public/warnings.atom" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("application/atom+xml");
    const feed = new XMLParser({ ignoreAttributes: false, isArray: (name) => ["entry", "link"].includes(name) }).parse(res.body).feed;
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    for (const k of ["id", "title", "updated"]) expect(feed[k], k).toBeTruthy();
    const [active] = await q<{ n: number }>(sql`select count(*)::int as n from warnings where public and not exercise and status in ('released', 'updated') and expires_at > now()`);
    expect(feed.entry.length).toBe(Number(active.n));
    for (const e of feed.entry) {
      for (const k of ["id", "title", "updated"]) expect(e[k], k).toBeTruthy();
      const href = e.link.find((l: Record<string, string>) => l["@_type"] === "application/cap+xml")["@_href"] as string;
      const cap = await t.app.inject({ method: "GET", url: new URL(href).pathname });
      expect(cap.statusCode, href).toBe(200);
      expect(cap.body).toContain("urn:oasis:names:tc:emergency:cap:1.2");
    }
    const restricted = (await q<{ id: string }>(sql`select id from warnings where not public and revision > 0 limit 1`))[0].id;
    expect(feed.entry.some((e: { id: string }) => e.id.includes(restricted))).toBe(false);
    expect((await t.app.inject({ method: "GET", url: `/public/warnings/${restricted}/cap` })).statusCode).toBe(404);
  });

  it("renders the public page in Chinese with everything escaped", async () => {
    await release({ headline: "<script>alert(1)</script>高温预警", level: "yellow" });
    const res = await t.app.inject({ method: "GET", url: "/public/warnings" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain('lang="zh-CN"');
    expect(res.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;高温预警");
    expect(res.body).not.toContain("<script>");
    expect(res.body).toContain("黄色预警");
  });
});
