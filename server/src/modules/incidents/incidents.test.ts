import JSZip from "jszip";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, countRows, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";

let t: TestApp;
let village: Client, town: Client, duty: Client, leader: Client, admin: Client;
const ids: Record<string, string> = {};
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const figures = (over: Record<string, number> = {}) => ({ dead: 0, missing: 0, injured: 1, seriouslyInjured: 0, trapped: 0, directLoss: 20000, ...over });

const incidentBody = (over: Record<string, unknown> = {}) => ({
  title: "马杭村民房火灾", typeId: ids.type, unitId: ids.village, lat: 31.72, lon: 119.97, address: "马杭村 3 组",
  occurredAt: ago(40), learnedAt: ago(30), level: "IV", figures: figures(), body: "民房起火，已扑灭", reporterName: "王联络", reporterPhone: "13800000000",
  ...over,
});
const followup = (over: Record<string, unknown> = {}) => ({ kind: "followup", figures: figures(), body: "现场已清理", reporterName: "王联络", ...over });

async function outboxTypes(incidentId: string): Promise<string[]> {
  const { rows } = await t.db.execute<{ type: string }>(sql`select type from outbox_events where data->>'incidentId' = ${incidentId} order by id`);
  return rows.map((r) => r.type);
}

beforeAll(async () => {
  t = await buildTestApp();
  [village, town, duty, leader, admin] = await Promise.all(["village", "town", "duty", "leader", "admin"].map((u) => loginAs(t.app, u)));
  ids.village = await unitId(t.db, "马杭村");
  ids.town = await unitId(t.db, "湖塘镇");
  ids.siblingVillage = await unitId(t.db, "卢家巷村");
  ids.type = (await t.db.execute<{ id: string }>(sql`select id from incident_types where parent_id is not null order by code limit 1`)).rows[0].id;
});
afterAll(() => t?.close());

describe("recording an incident with its initial report", () => {
  it("creates the incident and its initial report, sent to the town, audited and announced", async () => {
    const audit = await countRows(t.db, "audit_log");
    const res = await village.post("/api/incidents", incidentBody());
    expect(res.statusCode, res.body).toBe(201);
    const i = res.json();
    ids.incident = i.id;
    expect(i).toMatchObject({ level: "IV", suggestedLevel: "IV", status: "open", unitId: ids.village, flags: [] });
    expect(i.reports).toHaveLength(1);
    expect(i.reports[0]).toMatchObject({ kind: "initial", number: 0, late: false, unitId: ids.village, toUnitId: ids.town, atUnitId: ids.town });
    const kinds = i.deadlines.map((d: { kind: string; status: string }) => `${d.kind}:${d.status}`);
    expect(kinds).toEqual(["initial:met", "forward:pending", "followup:pending"]);
    expect(await countRows(t.db, "audit_log")).toBe(audit + 1);
    expect(await outboxTypes(i.id)).toEqual(["incident.created"]);
  });

  it("answers from the rows it wrote exactly what reading the incident answers (flags, deadlines, names)", async () => {
    // Recorded late by the town for its village: both flags are raised in the same transaction.
    const res = await town.post("/api/incidents", incidentBody({ title: "迟报并由镇录入", occurredAt: ago(300), learnedAt: ago(240) }));
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.flags.sort()).toEqual(["late", "not_reported_by_unit"]);
    const read = await town.get(`/api/incidents/${created.id}`);
    expect(read.statusCode).toBe(200);
    expect(created).toEqual(read.json());
    expect(created.reports[0]).toMatchObject({ unitName: "湖塘镇", submittedBy: expect.any(String) });
    expect(created.reports[0].submittedBy).not.toBe("");
    // The list carries the same deadlines (the duty board counts down from the list alone).
    const listed = (await town.get("/api/incidents?pageSize=200")).json().items.find((x: { id: string }) => x.id === created.id);
    const open = created.deadlines.filter((d: { metAt: string | null }) => !d.metAt).sort((a: { dueAt: string }, b: { dueAt: string }) => a.dueAt.localeCompare(b.dueAt));
    expect(open.length).toBeGreaterThan(0);
    expect(listed.nextDeadline).toEqual(open[0]);
  });

  it("refuses negative or fractional figures, naming the field, and writes nothing", async () => {
    const before = await countRows(t.db, "incidents");
    for (const [bad, field] of [[{ dead: -1 }, "figures.dead"], [{ injured: 1.5 }, "figures.injured"], [{ directLoss: -5 }, "figures.directLoss"]] as const) {
      const res = await village.post("/api/incidents", incidentBody({ figures: figures(bad) }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain(field);
    }
    expect(await countRows(t.db, "incidents")).toBe(before);
  });

  it("refuses times in the future and a learned time before the occurrence, naming the field", async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const cases = [[{ occurredAt: future }, "occurredAt"], [{ learnedAt: future, occurredAt: ago(10) }, "learnedAt"], [{ occurredAt: ago(10), learnedAt: ago(20) }, "learnedAt"]] as const;
    for (const [over, field] of cases) {
      const res = await village.post("/api/incidents", incidentBody(over));
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.message).toContain(field);
    }
  });

  it("answers 404 for a responsible unit outside the caller's scope", async () => {
    expect((await town.post("/api/incidents", incidentBody({ unitId: ids.siblingVillage }))).statusCode).toBe(404);
  });

  it("flags an initial report submitted after its deadline as late", async () => {
    const res = await village.post("/api/incidents", incidentBody({ occurredAt: ago(200), learnedAt: ago(180), title: "迟报的事件" }));
    expect(res.statusCode).toBe(201);
    expect(res.json().flags).toContain("late");
    expect(res.json().reports[0].late).toBe(true);
    expect(await outboxTypes(res.json().id)).toEqual(["incident.created", "flag.raised"]);
  });

  it("flags an incident the district recorded for a unit below as not reported by the unit", async () => {
    const res = await duty.post("/api/incidents", incidentBody({ title: "网络舆情发现的事件", sensitive: true }));
    expect(res.statusCode).toBe(201);
    expect(res.json().flags).toEqual(["not_reported_by_unit"]);
    expect(res.json().reports[0].toUnitId).toBeNull();
  });
});

describe("idempotency", () => {
  it("answers a repeat with the same key with the first result and creates nothing", async () => {
    const before = await countRows(t.db, "incidents");
    const headers = { "idempotency-key": "field-app-0001" };
    const first = await village.post("/api/incidents", incidentBody({ title: "离线上报" }), headers);
    const again = await village.post("/api/incidents", incidentBody({ title: "离线上报" }), headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers["idempotency-replayed"]).toBe("true");
    expect(await countRows(t.db, "incidents")).toBe(before + 1);
    // Another user's key is their own.
    const other = await town.post("/api/incidents", incidentBody({ title: "另一用户" }), headers);
    expect(other.json().id).not.toBe(first.json().id);
  });

  it("creates one incident when the same key arrives twice at once", async () => {
    const before = await countRows(t.db, "incidents");
    const headers = { "idempotency-key": "field-app-race" };
    const [a, b] = await Promise.all([0, 1].map(() => village.post("/api/incidents", incidentBody({ title: "并发重发" }), headers)));
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect(await countRows(t.db, "incidents")).toBe(before + 1);
  });

  it("creates one follow-up for a repeated key and refuses the key on another route", async () => {
    const created = (await village.post("/api/incidents", incidentBody({ title: "续报幂等" }))).json();
    const headers = { "idempotency-key": "field-app-0002" };
    const a = await village.post(`/api/incidents/${created.id}/reports`, followup(), headers);
    const b = await village.post(`/api/incidents/${created.id}/reports`, followup(), headers);
    expect(a.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect((await village.get(`/api/incidents/${created.id}/reports`)).json()).toHaveLength(2);
    expect((await village.post("/api/incidents", incidentBody(), headers)).statusCode).toBe(422);
    expect((await village.post("/api/incidents", incidentBody(), { "idempotency-key": "x".repeat(101) })).statusCode).toBe(400);
  });
});

describe("the report chain", () => {
  it("lets the town forward the village's report to the district, timed, and no further", async () => {
    const reportId = (await village.get(`/api/incidents/${ids.incident}/reports`)).json()[0].id;
    ids.initialReport = reportId;
    expect((await village.post(`/api/incidents/${ids.incident}/reports/${reportId}/forward`, {})).statusCode).toBe(403);
    const res = await town.post(`/api/incidents/${ids.incident}/reports/${reportId}/forward`, { note: "已核实" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().forwards).toHaveLength(1);
    expect(res.json().forwards[0]).toMatchObject({ fromUnitId: ids.town, toUnitName: "武进区", note: "已核实", late: false, forwardedBy: "湖塘镇应急办" });
    const again = await town.post(`/api/incidents/${ids.incident}/reports/${reportId}/forward`, {});
    expect(again.statusCode).toBe(422);
    const i = (await duty.get(`/api/incidents/${ids.incident}`)).json();
    expect(i.deadlines.find((d: { kind: string }) => d.kind === "forward").status).toBe("met");
    expect(await outboxTypes(ids.incident)).toContain("report.forwarded");
  });

  it("numbers follow-ups, flags figures of a higher level as understated, and updates the figures", async () => {
    const res = await village.post(`/api/incidents/${ids.incident}/reports`, followup({ figures: figures({ dead: 3, injured: 5 }) }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: "followup", number: 1, suggestedLevel: "III", late: false });
    const i = (await village.get(`/api/incidents/${ids.incident}`)).json();
    expect(i.flags).toContain("level_understated");
    expect(i.figures.dead).toBe(3);
    expect(i.suggestedLevel).toBe("III");
    expect(i.level).toBe("IV");
  });

  it("takes a correction as a new report pointing to the one it corrects", async () => {
    const res = await village.post(`/api/incidents/${ids.incident}/reports`, followup({ correctsId: ids.initialReport, body: "更正：起火时间为 9 时" }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ number: 2, correctsId: ids.initialReport });
    const wrong = await village.post(`/api/incidents/${ids.incident}/reports`, followup({ correctsId: "00000000-0000-4000-8000-000000000001" }));
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.message).toContain("correctsId");
  });

  it("refuses any change to a submitted report, through the API and in the database", async () => {
    const url = `/api/incidents/${ids.incident}/reports/${ids.initialReport}`;
    expect((await village.patch(url, {})).statusCode).toBe(409);
    expect((await village.request("DELETE", url, {})).statusCode).toBe(409);
    await expect(t.db.execute(sql`update incident_reports set body = 'x' where id = ${ids.initialReport}`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from incident_reports where id = ${ids.initialReport}`)).rejects.toThrow();
    await expect(t.db.execute(sql`update incident_report_forwards set note = 'x'`)).rejects.toThrow();
  });

  it("sends a leader's instruction down to the reporting village", async () => {
    expect((await village.post(`/api/incidents/${ids.incident}/instructions`, { text: "x" })).statusCode).toBe(403);
    const res = await leader.post(`/api/incidents/${ids.incident}/instructions`, { text: "全力救治伤员，查明原因" });
    expect(res.statusCode).toBe(201);
    const seen = (await village.get(`/api/incidents/${ids.incident}`)).json();
    expect(seen.instructions).toEqual([expect.objectContaining({ text: "全力救治伤员，查明原因", byName: "区领导", byUnitName: "武进区" })]);
    expect(await outboxTypes(ids.incident)).toContain("instruction.added");
  });

  it("stores attachments beside a report without changing it", async () => {
    const res = await village.request("POST", `/api/incidents/${ids.incident}/reports/${ids.initialReport}/attachments`, Buffer.from("jpeg-bytes"), { "content-type": "image/jpeg", "x-file-name": encodeURIComponent("现场.jpg") });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().attachments).toEqual([expect.objectContaining({ name: "现场.jpg", contentType: "image/jpeg", size: 10 })]);
  });

  it("refuses an empty upload and an upload to a report of another incident, storing nothing", async () => {
    const files = await countRows(t.db, "files");
    const empty = await village.request("POST", `/api/incidents/${ids.incident}/reports/${ids.initialReport}/attachments`, Buffer.alloc(0), { "content-type": "image/jpeg" });
    expect(empty.statusCode).toBe(400);
    const other = (await village.post("/api/incidents", incidentBody({ title: "另一事件" }))).json();
    const wrong = await village.request("POST", `/api/incidents/${other.id}/reports/${ids.initialReport}/attachments`, Buffer.from("x"), { "content-type": "image/jpeg" });
    expect(wrong.statusCode).toBe(404);
    expect(await countRows(t.db, "files")).toBe(files);
  });

  it("ends the response with a follow-up, then closes the incident with the final report", async () => {
    const ended = await village.post(`/api/incidents/${ids.incident}/reports`, followup({ responseEnded: true, level: "III" }));
    expect(ended.statusCode).toBe(201);
    let i = (await village.get(`/api/incidents/${ids.incident}`)).json();
    expect(i).toMatchObject({ status: "response_ended", level: "III" });
    expect(i.deadlines.find((d: { kind: string }) => d.kind === "final").status).toBe("pending");
    const final = await village.post(`/api/incidents/${ids.incident}/reports`, { ...followup(), kind: "final", body: "终报：善后完成" });
    expect(final.statusCode).toBe(201);
    i = (await village.get(`/api/incidents/${ids.incident}`)).json();
    expect(i.status).toBe("closed");
    expect(i.deadlines.find((d: { kind: string }) => d.kind === "final").status).toBe("met");
    expect((await village.post(`/api/incidents/${ids.incident}/reports`, followup())).statusCode).toBe(422);
  });
});

describe("scope", () => {
  it("answers 404 for reports, forwarding and reading an incident of a sibling town", async () => {
    const other = (await duty.post("/api/incidents", incidentBody({ unitId: ids.siblingVillage, title: "牛塘镇事件" }))).json();
    const reportId = other.reports[0].id;
    expect((await town.get(`/api/incidents/${other.id}`)).statusCode).toBe(404);
    expect((await town.post(`/api/incidents/${other.id}/reports`, followup())).statusCode).toBe(404);
    expect((await town.post(`/api/incidents/${other.id}/reports/${reportId}/forward`, {})).statusCode).toBe(404);
    expect((await town.get("/api/incidents?pageSize=200")).json().items.some((x: { id: string }) => x.id === other.id)).toBe(false);
    expect((await duty.get("/api/incidents?pageSize=200")).json().items.some((x: { id: string }) => x.id === other.id)).toBe(true);
  });
});

describe("the list", () => {
  it("filters by unit, level, flag, exercise and date", async () => {
    await village.post("/api/incidents", incidentBody({ title: "演练事件", exercise: true }));
    const all = (await duty.get("/api/incidents?pageSize=200")).json();
    expect(all.total).toBe(all.items.length);
    const late = (await duty.get("/api/incidents?flag=late")).json();
    expect(late.items.length).toBeGreaterThan(0);
    expect(late.items.every((x: { flags: string[] }) => x.flags.includes("late"))).toBe(true);
    expect((await duty.get("/api/incidents?exercise=true")).json().items.map((x: { title: string }) => x.title)).toEqual(["演练事件"]);
    expect((await duty.get("/api/incidents?level=III")).json().items.map((x: { id: string }) => x.id)).toEqual([ids.incident]);
    const inTown = (await duty.get(`/api/incidents?unitId=${ids.siblingVillage}`)).json();
    expect(inTown.items.map((x: { title: string }) => x.title)).toEqual(["牛塘镇事件"]);
    expect((await duty.get("/api/incidents?from=2000-01-01&to=2000-01-02")).json().total).toBe(0);
    expect((await duty.get("/api/incidents?flag=overdue")).json().total).toBe(0);
    expect((await duty.get("/api/incidents?level=V")).statusCode).toBe(400);
  });
});

describe("statistics", () => {
  it("counts reports on time per unit and month, incidents by type, level and town, exercises left out", async () => {
    const now = new Date();
    const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(now));
    const s = (await duty.get(`/api/incidents/stats?year=${year}`)).json();
    const villageRow = s.onTime.find((r: { unitId: string }) => r.unitId === ids.village);
    expect(villageRow.reports).toBeGreaterThan(villageRow.onTime);
    expect(villageRow.rate).toBeLessThan(1);
    const total = s.byLevel.reduce((n: number, r: { count: number }) => n + r.count, 0);
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from incidents where not exercise`);
    expect(total).toBe(Number(rows[0].n));
    expect(s.byTown.find((r: { unitName: string }) => r.unitName === "湖塘镇").count).toBeGreaterThan(0);
    expect(s.byType[0].count).toBe(total);
    expect(s.avgMinutesToInitialReport).toBeGreaterThan(0);
    expect(s.flags).toContainEqual(expect.objectContaining({ unitId: ids.village, kind: "late" }));
    expect(s.flags).toContainEqual(expect.objectContaining({ unitId: ids.village, kind: "level_understated", count: 1 }));
    expect((await duty.get(`/api/incidents/stats?year=${year - 5}`)).json().avgMinutesToInitialReport).toBeNull();
  });
});

describe("statistics by month", () => {
  it("counts an incident in the month and year of Asia/Shanghai, at the midnight boundary", async () => {
    const at = (iso: string) => incidentBody({ title: iso, occurredAt: iso, learnedAt: iso });
    expect((await duty.post("/api/incidents", at("2024-12-31T23:59:59+08:00"))).statusCode).toBe(201);
    expect((await duty.post("/api/incidents", at("2025-01-01T00:00:00+08:00"))).statusCode).toBe(201);
    const count = async (q: string) => (await duty.get(`/api/incidents/stats?${q}`)).json().byLevel.reduce((n: number, r: { count: number }) => n + r.count, 0);
    expect(await count("year=2024&month=12")).toBe(1);
    expect(await count("year=2025&month=1")).toBe(1);
    expect(await count("year=2025&month=2")).toBe(0);
    expect(await count("year=2024")).toBe(1);
    expect(await count("year=2025")).toBe(1);
    expect((await duty.get("/api/incidents/stats?year=2025&month=13")).statusCode).toBe(400);
    // No year: this year (Asia/Shanghai), not a 400 about "NaN".
    const thisYear = await duty.get("/api/incidents/stats");
    expect(thisYear.statusCode).toBe(200);
    expect(thisYear.json().byLevel).toEqual((await duty.get(`/api/incidents/stats?year=${new Date(Date.now() + 8 * 3600_000).getUTCFullYear()}`)).json().byLevel);
  });
});

describe("the deadline rules as data", () => {
  it("lets a district administrator change a deadline, which the engine then applies, audited", async () => {
    const rules = (await village.get("/api/incidents/report-rules")).json();
    expect(rules).toHaveLength(14);
    expect(rules.find((r: { key: string }) => r.key === "initial.IV").minutes).toBe(120);
    expect((await village.patch("/api/incidents/report-rules", { minutes: { "initial.IV": 10 } })).statusCode).toBe(403);
    const audit = await countRows(t.db, "audit_log");
    const changed = await admin.patch("/api/incidents/report-rules", { minutes: { "initial.IV": 10 } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await countRows(t.db, "audit_log")).toBe(audit + 1);
    const late = await village.post("/api/incidents", incidentBody({ title: "规则变更后" }));
    expect(late.json().flags).toContain("late");
    expect((await admin.patch("/api/incidents/report-rules", { minutes: { "initial.IV": 120 } })).statusCode).toBe(200);
    expect((await admin.patch("/api/incidents/report-rules", { minutes: { "initial.V": 120 } })).statusCode).toBe(400);
    expect((await admin.patch("/api/incidents/report-rules", { minutes: { "initial.IV": 0 } })).statusCode).toBe(400);
  });

  it("refuses rule changes by an administrator of a unit below the district", async () => {
    const created = await admin.post("/api/users", { username: "hutangadmin", displayName: "湖塘镇管理员", role: "admin", unitId: ids.town, password: "Scope#Test2030" });
    expect(created.statusCode).toBe(201);
    await t.db.execute(sql`update users set must_change_password = false where username = 'hutangadmin'`);
    const townAdmin = await loginAs(t.app, "hutangadmin", { password: "Scope#Test2030" });
    expect((await townAdmin.patch("/api/incidents/report-rules", { minutes: { "initial.IV": 10 } })).statusCode).toBe(403);
  });
});

describe("Word documents", () => {
  async function documentXml(body: Buffer): Promise<string> {
    const zip = await JSZip.loadAsync(body);
    const file = zip.file("word/document.xml");
    expect(file).not.toBeNull();
    return file!.async("string");
  }

  it("produces the 专报 as a valid .docx with the title, the chain and the figures", async () => {
    const res = await town.get(`/api/incidents/${ids.incident}/special-report.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("wordprocessingml");
    const xml = await documentXml(res.rawPayload);
    for (const s of ["专报", "马杭村民房火灾", "初报", "续报", "终报", "死亡", "20000", "全力救治伤员"]) expect(xml, s).toContain(s);
    expect((await admin.get("/api/incidents/00000000-0000-4000-8000-000000000001/special-report.docx")).statusCode).toBe(404);
  });

  it("produces the daily summary of a day's incidents", async () => {
    const date = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(Date.now() - 40 * 60_000));
    const res = await duty.get(`/api/incidents/daily-summary.docx?date=${date}`);
    expect(res.statusCode).toBe(200);
    const xml = await documentXml(res.rawPayload);
    expect(xml).toContain("突发事件信息日报");
    expect(xml).not.toContain("演练事件");
    expect((await duty.get("/api/incidents/daily-summary.docx?date=yesterday")).statusCode).toBe(400);
  });
});
