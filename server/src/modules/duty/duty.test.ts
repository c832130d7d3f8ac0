import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, countRows, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";

let t: TestApp;
let admin: Client;
let town: Client;
let village: Client;
const ids: Record<string, string> = {};
let townPeople: string[] = [];
let villagePeople: string[] = [];

async function peopleOf(unit: string) {
  const { rows } = await t.db.execute<{ id: string }>(sql`select id from people where unit_id = ${unit} and active order by sort, name`);
  return rows.map((r) => r.id);
}

async function readSheet(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
  return rows;
}

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginAs(t.app, "admin");
  town = await loginAs(t.app, "town");
  village = await loginAs(t.app, "village");
  ids.town = await unitId(t.db, "湖塘镇");
  ids.village = await unitId(t.db, "马杭村");
  ids.sibling = await unitId(t.db, "牛塘镇");
  townPeople = await peopleOf(ids.town);
  const extra = await admin.post("/api/org/people", { unitId: ids.village, name: "值班测试员", mobile: "13900001111" });
  expect(extra.statusCode).toBe(201);
  villagePeople = await peopleOf(ids.village);
  ids.siblingPerson = (await peopleOf(ids.sibling))[0];
  expect(townPeople.length).toBeGreaterThanOrEqual(3);
  expect(villagePeople.length).toBeGreaterThanOrEqual(3);
  // New Year (元旦), declared by the district: it binds every unit below.
  const period = await admin.post("/api/duty/key-periods", {
    unitId: await unitId(t.db, "武进区"), name: "元旦", kind: "holiday", startsAt: "2027-01-01T00:00:00+08:00", endsAt: "2027-01-04T00:00:00+08:00", minOfficers: 2, leaderRequired: true,
  });
  expect(period.statusCode).toBe(201);
});
afterAll(() => t?.close());

describe("key periods", () => {
  it("binds every unit below the declaring one, and is corrected with optimistic locking", async () => {
    const seen = (await village.get("/api/duty/key-periods?from=2027-01-01T00:00:00Z&to=2027-01-02T00:00:00Z")).json();
    expect(seen.map((p: { name: string }) => p.name)).toEqual(["元旦"]);
    const own = await town.post("/api/duty/key-periods", { unitId: ids.town, name: "镇庆活动", kind: "major_event", startsAt: "2030-05-01T00:00:00+08:00", endsAt: "2030-05-02T00:00:00+08:00" });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ minOfficers: 2, leaderRequired: true });
    const fixed = await town.patch(`/api/duty/key-periods/${own.json().id}`, { version: 1, minOfficers: 3 });
    expect(fixed.json()).toMatchObject({ minOfficers: 3, version: 2 });
    expect((await town.patch(`/api/duty/key-periods/${own.json().id}`, { version: 1, minOfficers: 4 })).statusCode).toBe(409);
    expect((await town.patch(`/api/duty/key-periods/${own.json().id}`, { version: 2, endsAt: "2030-04-01T00:00:00+08:00" })).statusCode).toBe(400);
    // The district's period binds the town but is not the town's to change.
    expect((await town.patch(`/api/duty/key-periods/${seen[0].id}`, { version: 1, minOfficers: 1 })).statusCode).toBe(404);
    expect((await village.get("/api/duty/key-periods?from=2030-05-01T00:00:00Z&to=2030-05-02T00:00:00Z")).json()).toHaveLength(1);
    expect((await admin.get("/api/duty/key-periods?from=2030-05-01T00:00:00Z&to=2030-05-02T00:00:00Z")).json()).toHaveLength(1);
  });
});

describe("rosters", () => {
  it("generates a month round-robin, staffing key periods by their rule, and refuses to overwrite it", async () => {
    const [a, b, c] = townPeople;
    const auditBefore = await countRows(t.db, "audit_log");
    const res = await town.post("/api/duty/shifts/generate", { unitId: ids.town, month: "2026-12", officers: [a, b, c], leaders: [c], shiftStart: "08:00" });
    expect(res.statusCode, res.body).toBe(201);
    const shifts = res.json() as { startsAt: string; officers: { id: string; mobile: string | null }[]; leader: { id: string } | null }[];
    expect(shifts).toHaveLength(31);
    expect(shifts[0].startsAt).toBe("2026-12-01T00:00:00.000Z");
    expect(shifts.slice(0, 3).map((s) => s.officers.map((o) => o.id))).toEqual([[a], [b], [c]]);
    // 31 December 08:00 to 1 January 08:00 overlaps New Year: two officers and a leader.
    expect(shifts[30].officers).toHaveLength(2);
    expect(shifts[30].leader?.id).toBe(c);
    expect(shifts.every((s) => s.officers.every((o) => !o.mobile || o.mobile.includes("****")))).toBe(true);
    expect(await countRows(t.db, "audit_log")).toBe(auditBefore + 1);

    const again = await town.post("/api/duty/shifts/generate", { unitId: ids.town, month: "2026-12", officers: [a], leaders: [c] });
    expect(again.statusCode).toBe(409);
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from duty_shifts where org_unit_id = ${ids.town}`);
    expect(Number(rows[0].n)).toBe(31);
  });

  it("refuses a month whose key period cannot be staffed, naming the day", async () => {
    const noLeader = await town.post("/api/duty/shifts/generate", { unitId: ids.town, month: "2027-01", officers: townPeople.slice(0, 2) });
    expect(noLeader.statusCode).toBe(422);
    expect(noLeader.json().error.code).toBe("leader_required");
    expect(noLeader.json().error.details.day).toBe("2027-01-01");
    const tooFew = await town.post("/api/duty/shifts/generate", { unitId: ids.town, month: "2027-01", officers: [townPeople[0]], leaders: [townPeople[1]] });
    expect(tooFew.json().error.code).toBe("not_enough_officers");
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from duty_shifts where starts_at >= '2026-12-31T16:00:00Z'`);
    expect(Number(rows[0].n)).toBe(0);
  });

  it("refuses overlapping shifts, people outside the caller's scope and understaffed key-period shifts", async () => {
    const overlap = await town.post("/api/duty/shifts", { unitId: ids.town, startsAt: "2026-12-05T20:00:00+08:00", officerIds: [townPeople[0]] });
    expect(overlap.statusCode).toBe(409);
    const foreign = await town.post("/api/duty/shifts", { unitId: ids.town, startsAt: "2027-02-01T08:00:00+08:00", officerIds: [ids.siblingPerson] });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.message).toContain("officerIds");
    const holiday = await town.post("/api/duty/shifts", { unitId: ids.town, startsAt: "2027-01-02T08:00:00+08:00", officerIds: [townPeople[0]] });
    expect(holiday.statusCode).toBe(422);
    expect(holiday.json().error.code).toBe("key_period_staffing");
  });

  it("edits a shift with optimistic locking and answers 409 to a stale version", async () => {
    const [shift] = (await town.get(`/api/duty/shifts?unitId=${ids.town}&from=2026-12-10T00:00:00Z&to=2026-12-10T12:00:00Z`)).json();
    const ok = await town.patch(`/api/duty/shifts/${shift.id}`, { version: shift.version, officerIds: [townPeople[1], townPeople[2]] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().officers.map((o: { id: string }) => o.id)).toEqual([townPeople[1], townPeople[2]]);
    const stale = await town.patch(`/api/duty/shifts/${shift.id}`, { version: shift.version, leaderId: null });
    expect(stale.statusCode).toBe(409);
  });

  it("shows a calendar filtered by time and scope", async () => {
    const week = (await town.get(`/api/duty/shifts?from=2026-12-01T00:00:00Z&to=2026-12-08T00:00:00Z`)).json();
    expect(week).toHaveLength(7);
    expect((await village.get("/api/duty/shifts?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z")).json()).toEqual([]);
    expect((await village.get(`/api/duty/shifts?unitId=${ids.town}`)).statusCode).toBe(404);
  });

  it("exports the month for printing", async () => {
    const res = await town.get(`/api/duty/shifts/export.xlsx?unitId=${ids.town}&month=2026-12`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const rows = await readSheet(res.rawPayload);
    expect(rows[0]).toEqual(["日期", "星期", "接班时间", "交班时间", "值班员", "带班领导", "值班员电话"]);
    expect(rows).toHaveLength(32);
    expect(rows[1].slice(0, 3)).toEqual(["2026-12-01", "二", "2026-12-01 08:00"]);
    expect(rows.flat().join(" ")).not.toMatch(/1[3-9]\d{9}/);
  });
});

describe("on duty now and swaps", () => {
  let shift: { id: string; version: number };

  beforeAll(async () => {
    const res = await village.post("/api/duty/shifts", { unitId: ids.village, startsAt: hoursFromNow(-2), officerIds: [villagePeople[0]], leaderId: villagePeople[1] });
    // A village has no duty.manage: the town keeps its villages' rosters.
    expect(res.statusCode).toBe(403);
    const made = await town.post("/api/duty/shifts", { unitId: ids.village, startsAt: hoursFromNow(-2), officerIds: [villagePeople[0]], leaderId: villagePeople[1] });
    expect(made.statusCode, made.body).toBe(201);
    shift = made.json();
    await town.post("/api/duty/shifts", { unitId: ids.village, startsAt: hoursFromNow(-1), officerIds: [villagePeople[1]], exercise: true });
  });

  it("lists who is on duty now per unit, phones masked, with the unit's duty phone, drill shifts left out", async () => {
    const now = (await village.get("/api/duty/on-duty-now")).json();
    expect(now).toHaveLength(1);
    expect(now[0]).toMatchObject({ unitId: ids.village, unitName: "马杭村", shiftId: shift.id });
    expect(now[0].officers[0].id).toBe(villagePeople[0]);
    expect(now[0].leader.id).toBe(villagePeople[1]);
    for (const p of [...now[0].officers, now[0].leader]) if (p.mobile) expect(p.mobile).toContain("****");
    const { rows } = await t.db.execute<{ duty_phone: string | null }>(sql`select duty_phone from org_units where id = ${ids.village}`);
    expect(now[0].dutyPhone).toBe(rows[0].duty_phone);
    const district = (await admin.get("/api/duty/on-duty-now")).json();
    // The demo district has its own roster around today, led by its head.
    expect(district.map((r: { unitId: string }) => r.unitId)).toEqual(expect.arrayContaining([ids.village, await unitId(t.db, "武进区")]));
    expect(district[0]).toMatchObject({ unitName: "武进区" });
    expect(district[0].leader).not.toBeNull();
  });

  it("swaps a person on approval by the office, once, and with the current version only", async () => {
    const other = villagePeople[2];
    const req = await village.post(`/api/duty/shifts/${shift.id}/swaps`, { fromPersonId: villagePeople[0], toPersonId: townPeople[0], reason: "病假" });
    // The village may only name people of its own scope: any other id does not exist for it (404, as in the path).
    expect(req.statusCode).toBe(404);
    const already = await village.post(`/api/duty/shifts/${shift.id}/swaps`, { fromPersonId: villagePeople[0], toPersonId: villagePeople[1] });
    expect(already.json().error.code).toBe("already_on_shift");
    const ok = await village.post(`/api/duty/shifts/${shift.id}/swaps`, { fromPersonId: villagePeople[0], toPersonId: other, reason: "病假" });
    expect(ok.statusCode, ok.body).toBe(201);
    const swap = ok.json();
    expect(swap.status).toBe("pending");
    expect((await village.post(`/api/duty/swaps/${swap.id}/approve`, { version: swap.version })).statusCode).toBe(403);
    expect((await town.post(`/api/duty/swaps/${swap.id}/approve`, { version: swap.version + 1 })).statusCode).toBe(409);
    const approved = await town.post(`/api/duty/swaps/${swap.id}/approve`, { version: swap.version });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe("approved");
    const after = (await town.get(`/api/duty/shifts/${shift.id}`)).json();
    expect(after.officers.map((o: { id: string }) => o.id)).toEqual([other]);
    expect(after.version).toBe(shift.version + 1);
    expect((await town.post(`/api/duty/swaps/${swap.id}/reject`, { version: approved.json().version })).json().error.code).toBe("already_decided");
    const list = (await town.get(`/api/duty/swaps?status=approved`)).json();
    expect(list.map((s: { id: string }) => s.id)).toContain(swap.id);
  });

  it("lets the requester withdraw a swap but not approve it", async () => {
    const own = await town.post(`/api/duty/shifts/${shift.id}/swaps`, { fromPersonId: villagePeople[1], toPersonId: villagePeople[0], reason: "调休" });
    expect(own.statusCode, own.body).toBe(201);
    const refused = await town.post(`/api/duty/swaps/${own.json().id}/approve`, { version: own.json().version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe("own_request");
    expect((await town.get(`/api/duty/shifts/${shift.id}`)).json().leader.id).toBe(villagePeople[1]);
    const withdrawn = await town.post(`/api/duty/swaps/${own.json().id}/reject`, { version: own.json().version, note: "撤回" });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().status).toBe("rejected");
  });

  it("lists units that must keep a duty room but have no shift now as uncovered, and no village", async () => {
    const before = (await admin.get("/api/duty/on-duty-now")).json() as { unitId: string; unitName: string; uncovered: boolean; shiftId: string | null }[];
    const gap = before.find((r) => r.uncovered && r.unitId === ids.sibling);
    expect(gap, "牛塘镇 has no shift in the demo roster").toMatchObject({ shiftId: null, unitName: "牛塘镇" });
    const { rows } = await t.db.execute<{ id: string }>(sql`select id from org_units where kind in ('village', 'community', 'enterprise')`);
    const lowUnits = new Set(rows.map((r) => r.id));
    expect(before.filter((r) => r.uncovered && lowUnits.has(r.unitId))).toEqual([]);
    const made = await admin.post("/api/duty/shifts", { unitId: ids.sibling, startsAt: hoursFromNow(-2), officerIds: [ids.siblingPerson] });
    expect(made.statusCode, made.body).toBe(201);
    const after = (await admin.get("/api/duty/on-duty-now")).json() as { unitId: string; uncovered: boolean; shiftId: string | null }[];
    expect(after.filter((r) => r.unitId === ids.sibling)).toEqual([expect.objectContaining({ uncovered: false, shiftId: made.json().id })]);
  });

  it("refuses a swap from someone not on the shift", async () => {
    const res = await town.post(`/api/duty/shifts/${shift.id}/swaps`, { fromPersonId: townPeople[2], toPersonId: townPeople[1] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("not_on_shift");
  });
});

describe("duty log", () => {
  let shiftId: string;
  beforeAll(async () => {
    const made = await town.post("/api/duty/shifts", { unitId: ids.village, startsAt: "2026-11-01T08:00:00+08:00", officerIds: [villagePeople[0]] });
    shiftId = made.json().id;
  });

  it("signs in once and out once, in that order", async () => {
    expect((await village.post("/api/duty/logs", { shiftId, kind: "sign_out" })).json().error.code).toBe("not_signed_in");
    expect((await village.post("/api/duty/logs", { shiftId, kind: "sign_in" })).statusCode).toBe(201);
    expect((await village.post("/api/duty/logs", { shiftId, kind: "sign_in" })).json().error.code).toBe("already_signed_in");
    expect((await village.post("/api/duty/logs", { shiftId, kind: "sign_out" })).statusCode).toBe(201);
    expect((await village.post("/api/duty/logs", { shiftId, kind: "sign_out" })).json().error.code).toBe("already_signed_out");
  });

  it("is append-only: a correction is a new entry pointing to the old one", async () => {
    const call = (await village.post("/api/duty/logs", { shiftId, kind: "call", content: "群众来电反映积水", at: "2026-11-01T10:00:00+08:00" })).json();
    const fix = await village.post("/api/duty/logs", { shiftId, kind: "call", content: "更正：反映道路积水", correctsId: call.id });
    expect(fix.statusCode).toBe(201);
    expect(fix.json().correctsId).toBe(call.id);
    expect(fix.json().authorName).toBe("村信息联络员");
    const list = (await town.get(`/api/duty/logs?shiftId=${shiftId}&kind=call`)).json();
    expect(list.total).toBe(2);
    expect(t.app.routeList.filter((r) => r.url.startsWith("/api/duty/logs") && ["PATCH", "PUT", "DELETE"].includes(r.method))).toEqual([]);
    const wrong = await village.post("/api/duty/logs", { shiftId, kind: "event", content: "x", correctsId: "00000000-0000-4000-8000-000000000001" });
    expect(wrong.statusCode).toBe(404);
    const noShift = await village.post("/api/duty/logs", { shiftId: "00000000-0000-4000-8000-000000000001", kind: "event", content: "x" });
    expect(noShift.statusCode).toBe(400);
    expect(noShift.json().error.message).toContain("shiftId");
    const future = await village.post("/api/duty/logs", { shiftId, kind: "event", content: "x", at: hoursFromNow(2) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain("at");
  });

  it("keeps logs of a drill shift marked as exercise", async () => {
    const [drill] = (await town.get(`/api/duty/shifts?unitId=${ids.village}`)).json().filter((s: { exercise: boolean }) => s.exercise);
    const entry = await village.post("/api/duty/logs", { shiftId: drill.id, kind: "event", content: "演练：模拟险情" });
    expect(entry.json().exercise).toBe(true);
  });
});

describe("spot checks", () => {
  const check = (unit: string, over: Record<string, unknown> = {}) => ({
    unitId: unit, method: "phone", at: hoursFromNow(-1), answered: true, answerSeconds: 8, officerPresent: true, leaderPresent: true, logComplete: true, ...over,
  });

  it("computes pass or fail by the rule and lists the faults", async () => {
    const pass = await admin.post("/api/duty/spot-checks", check(ids.town));
    expect(pass.statusCode, pass.body).toBe(201);
    expect(pass.json()).toMatchObject({ passed: true, faults: [], unitName: "湖塘镇" });
    const fail = await admin.post("/api/duty/spot-checks", check(ids.village, { answerSeconds: 45, logComplete: false, note: "响铃过久" }));
    expect(fail.json()).toMatchObject({ passed: false, faults: ["slow_answer", "log_incomplete"] });
    const drill = await admin.post("/api/duty/spot-checks", check(ids.village, { answered: false, answerSeconds: null, exercise: true }));
    expect(drill.json().passed).toBe(false);
    expect((await admin.post("/api/duty/spot-checks", check(ids.village, { passed: true }))).statusCode).toBe(400);
    expect((await town.post("/api/duty/spot-checks", check(ids.village))).statusCode).toBe(403);
  });

  it("gives the pass rate per unit and the failures, drills left out, and exports the failures as a notice", async () => {
    const stats = (await admin.get("/api/duty/spot-checks/stats")).json();
    const byUnit = Object.fromEntries(stats.units.map((u: { unitId: string }) => [u.unitId, u]));
    expect(byUnit[ids.town]).toMatchObject({ checks: 1, passed: 1, rate: 1 });
    expect(byUnit[ids.village]).toMatchObject({ checks: 1, passed: 0, rate: 0 });
    expect(stats.failures).toHaveLength(1);
    const failed = (await town.get("/api/duty/spot-checks?passed=false")).json();
    expect(failed.total).toBe(2);
    expect((await village.get(`/api/duty/spot-checks?unitId=${ids.town}`)).statusCode).toBe(404);
    const xlsx = await admin.get("/api/duty/spot-checks/failures.xlsx");
    const rows = await readSheet(xlsx.rawPayload);
    expect(rows).toHaveLength(2);
    expect(rows[1][0]).toBe("马杭村");
    expect(rows[1][3]).toBe("接听超时；值班日志不完整");
  });

  it("draws distinct units in scope and never a unit of the previous draw", async () => {
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from org_units where active and path <@ (select path from org_units where id = ${ids.town}) and id <> ${ids.town}`);
    const below = Number(rows[0].n);
    let last = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const res = await town.request("POST", "/api/duty/spot-checks/draw", { count: 2 });
      expect(res.statusCode).toBe(403);
      const d = await admin.post("/api/duty/spot-checks/draw", { count: 3 });
      expect(d.statusCode).toBe(201);
      const drawn = d.json().units.map((u: { unitId: string }) => u.unitId) as string[];
      expect(new Set(drawn).size).toBe(3);
      expect(drawn.some((u) => last.has(u))).toBe(false);
      last = new Set(drawn);
    }
    expect(below).toBeGreaterThan(0);
  });
});

describe("the spot-check pass rule as a setting", () => {
  it("judges the answer time against SPOT_CHECK_MAX_ANSWER_SECONDS", async () => {
    const lenient = await buildTestApp({ SPOT_CHECK_MAX_ANSWER_SECONDS: "60" });
    try {
      const district = await loginAs(lenient.app, "admin");
      const unit = await unitId(lenient.db, "湖塘镇");
      const check = (answerSeconds: number) => district.post("/api/duty/spot-checks", {
        unitId: unit, method: "phone", at: hoursFromNow(-1), answered: true, answerSeconds, officerPresent: true, leaderPresent: true, logComplete: true,
      });
      expect((await check(45)).json()).toMatchObject({ passed: true, faults: [] });
      expect((await check(61)).json()).toMatchObject({ passed: false, faults: ["slow_answer"] });
    } finally {
      await lenient.close();
    }
  });
});
