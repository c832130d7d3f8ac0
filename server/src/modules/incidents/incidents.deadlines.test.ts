/**
 * The deadline worker (overdue flags raised once, announced, counted), the casualty supplement
 * window (493号 Art. 13) and the level thresholds as data with the pre-submit suggestion.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, countRows, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";
import { raiseOverdueFlags } from "./incidents.overdue.ts";

let t: TestApp;
let village: Client, town: Client, duty: Client, admin: Client;
const ids: Record<string, string> = {};
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const figures = (over: Record<string, number> = {}) => ({ dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0, ...over });
const typeId = async (code: string) => (await t.db.execute<{ id: string }>(sql`select id from incident_types where code = ${code}`)).rows[0].id;
const incidentBody = (over: Record<string, unknown> = {}) => ({
  title: "期限测试", typeId: ids.fire, unitId: ids.village, lat: 31.72, lon: 119.97, address: "马杭村",
  occurredAt: ago(40), learnedAt: ago(30), level: "IV", figures: figures(), body: "情况", reporterName: "王联络", ...over,
});
const overdueFlags = async (incidentId: string) =>
  (await t.db.execute<{ deadline_key: string; unit_id: string }>(sql`select deadline_key, unit_id from incident_flags where incident_id = ${incidentId} and kind = 'overdue' order by deadline_key`)).rows;
const hours = (h: number) => new Date(Date.now() + h * 3_600_000);

beforeAll(async () => {
  t = await buildTestApp();
  [village, town, duty, admin] = await Promise.all(["village", "town", "duty", "admin"].map((u) => loginAs(t.app, u)));
  ids.village = await unitId(t.db, "马杭村");
  ids.town = await unitId(t.db, "湖塘镇");
  ids.fire = await typeId("21300");
  ids.flood = await typeId("11100");
});
afterAll(() => t?.close());

describe("the deadline worker", () => {
  it("raises one overdue flag per missed deadline, held by the unit that owes it, and announces it", async () => {
    const i = (await village.post("/api/incidents", incidentBody())).json();
    // Nothing is due yet: the town has 2 h to forward, the first follow-up is due in a day.
    expect(await raiseOverdueFlags(t.db)).toBe(0);
    expect(await overdueFlags(i.id)).toEqual([]);

    // Three hours on: the town has not forwarded the initial report.
    expect(await raiseOverdueFlags(t.db, hours(3))).toBeGreaterThanOrEqual(1);
    const first = await overdueFlags(i.id);
    expect(first).toEqual([{ deadline_key: `forward::${i.reports[0].id}`, unit_id: ids.town }]);
    const { rows: ev } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from outbox_events where type = 'flag.raised' and data->>'incidentId' = ${i.id} and data->>'kind' = 'overdue'`);
    expect(Number(ev[0].n)).toBe(1);

    // A second scan, and a scan by another process at the same moment, raise nothing new.
    const flagsBefore = await countRows(t.db, "incident_flags");
    await Promise.all([raiseOverdueFlags(t.db, hours(3)), raiseOverdueFlags(t.db, hours(3))]);
    expect(await countRows(t.db, "incident_flags")).toBe(flagsBefore);

    // Two days on: the first follow-up is missing too; the forwarding flag is not repeated.
    await raiseOverdueFlags(t.db, hours(48));
    expect((await overdueFlags(i.id)).map((f) => f.deadline_key)).toEqual([`followup:1:`, `forward::${i.reports[0].id}`]);
    const read = (await duty.get(`/api/incidents/${i.id}`)).json();
    expect(read.flags).toContain("overdue");
    // Stored and computed overdue are not listed twice.
    const keys = read.flagDetails.filter((f: { kind: string }) => f.kind === "overdue").map((f: { reportId: string | null; detail: string }) => f.detail);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("counts stored overdue flags in the unit's statistics", async () => {
    const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(hours(48)));
    const s = (await duty.get(`/api/incidents/stats?year=${year}`)).json();
    expect(s.flags).toContainEqual(expect.objectContaining({ unitId: ids.town, kind: "overdue" }));
  });

  it("leaves a forwarded report alone", async () => {
    const i = (await village.post("/api/incidents", incidentBody({ title: "按时转报" }))).json();
    expect((await town.post(`/api/incidents/${i.id}/reports/${i.reports[0].id}/forward`, {})).statusCode).toBe(200);
    await raiseOverdueFlags(t.db, hours(3));
    expect(await overdueFlags(i.id)).toEqual([]);
  });
});

describe("the casualty supplement window", () => {
  it("gives fire and road traffic 7 days and other types 30 days from the occurrence", async () => {
    const fire = (await duty.post("/api/incidents", incidentBody({ title: "火灾", unitId: ids.village }))).json();
    const flood = (await duty.post("/api/incidents", incidentBody({ title: "洪涝", typeId: ids.flood }))).json();
    const days = (x: { occurredAt: string; casualtyWindowEndsAt: string }) => (Date.parse(x.casualtyWindowEndsAt) - Date.parse(x.occurredAt)) / 86_400_000;
    expect(days(fire)).toBe(7);
    expect(days(flood)).toBe(30);
  });

  it("flags casualties changed after the window, not within it, and not a report without a change", async () => {
    const occurred = ago(8 * 24 * 60); // a fire 8 days ago: its 7-day window is closed
    const late = (await village.post("/api/incidents", incidentBody({ title: "8 天前的火灾", occurredAt: occurred, learnedAt: occurred }))).json();
    const same = await village.post(`/api/incidents/${late.id}/reports`, { kind: "followup", figures: figures(), body: "无变化", reporterName: "王联络" });
    expect(same.statusCode, same.body).toBe(201);
    expect((await village.get(`/api/incidents/${late.id}`)).json().flags).not.toContain("casualty_late");
    await village.post(`/api/incidents/${late.id}/reports`, { kind: "followup", figures: figures({ dead: 1 }), body: "一人死亡", reporterName: "王联络" });
    const flagged = (await village.get(`/api/incidents/${late.id}`)).json();
    expect(flagged.flags).toContain("casualty_late");
    expect(flagged.flagDetails.find((f: { kind: string }) => f.kind === "casualty_late").detail).toContain("补报期");

    const within = (await village.post("/api/incidents", incidentBody({ title: "6 天前的火灾", occurredAt: ago(6 * 24 * 60), learnedAt: ago(6 * 24 * 60) }))).json();
    await village.post(`/api/incidents/${within.id}/reports`, { kind: "followup", figures: figures({ dead: 1 }), body: "一人死亡", reporterName: "王联络" });
    expect((await village.get(`/api/incidents/${within.id}`)).json().flags).not.toContain("casualty_late");
  });
});

describe("level thresholds as data", () => {
  it("suggests a level from the figures before submitting, with the reasons", async () => {
    const s = (q: string) => village.get(`/api/incidents/level-suggestion?${q}`);
    expect((await s("dead=2")).json()).toEqual({ level: "IV", reasons: [] });
    expect((await s("dead=3")).json()).toMatchObject({ level: "III", reasons: ["死亡 3 人 ≥ 3"] });
    expect((await s("seriouslyInjured=50&directLoss=100000000")).json()).toMatchObject({ level: "I" });
    expect((await s("dead=-1")).statusCode).toBe(400);
    expect((await s("dead=abc")).statusCode).toBe(400);
    expect((await s("color=red")).statusCode).toBe(400);
  });

  it("lets a district administrator change thresholds, which the suggestion then uses, audited", async () => {
    const rules = (await village.get("/api/incidents/level-rules")).json();
    expect(rules.map((r: { level: string; dead: number }) => `${r.level}:${r.dead}`)).toEqual(["I:30", "II:10", "III:3"]);
    expect((await village.patch("/api/incidents/level-rules", { rules: [{ level: "III", dead: 2, seriouslyInjured: 10, directLoss: 10_000_000 }] })).statusCode).toBe(403);
    const audit = await countRows(t.db, "audit_log");
    const changed = await admin.patch("/api/incidents/level-rules", { rules: [{ level: "III", dead: 2, seriouslyInjured: 10, directLoss: 10_000_000 }] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await countRows(t.db, "audit_log")).toBe(audit + 1);
    expect((await village.get("/api/incidents/level-suggestion?dead=2")).json().level).toBe("III");
    const i = (await village.post("/api/incidents", incidentBody({ title: "新标准", figures: figures({ dead: 2 }) }))).json();
    expect(i.suggestedLevel).toBe("III");
    await admin.patch("/api/incidents/level-rules", { rules: [{ level: "III", dead: 3, seriouslyInjured: 10, directLoss: 10_000_000 }] });
  });

  it("refuses thresholds that would not rise from III to I, and repeated levels, writing nothing", async () => {
    const audit = await countRows(t.db, "audit_log");
    const inverted = await admin.patch("/api/incidents/level-rules", { rules: [{ level: "III", dead: 20, seriouslyInjured: 10, directLoss: 10_000_000 }] });
    expect(inverted.statusCode).toBe(422);
    expect(inverted.json().error.code).toBe("thresholds_not_ordered");
    const twice = await admin.patch("/api/incidents/level-rules", { rules: [{ level: "II", dead: 10, seriouslyInjured: 50, directLoss: 50_000_000 }, { level: "II", dead: 11, seriouslyInjured: 50, directLoss: 50_000_000 }] });
    expect(twice.statusCode).toBe(422);
    expect(await countRows(t.db, "audit_log")).toBe(audit);
    expect((await village.get("/api/incidents/level-rules")).json().find((r: { level: string }) => r.level === "III").dead).toBe(3);
  });
});
