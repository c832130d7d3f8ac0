/**
 * The owed-work engine through the API: each module's items appear on the right caller's
 * GET /api/todo with their deadline and leave when done; the notification centre, read
 * markers and muted kinds; a provider that fails or is slow leaves the rest answering.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, ROLES, TODO_KINDS, type TodoItem, type TodoList } from "@yingji/contracts";
import { buildTestApp, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";
import { MODULES } from "../../app.ts";
import type { Actor } from "../auth/actor.ts";
import type { TodoProvider } from "../module.ts";
import { todoFor } from "./todo.service.ts";

let t: TestApp;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const ZERO = { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 };

beforeAll(async () => {
  t = await buildTestApp();
  for (const role of ["admin", "duty", "leader", "dept", "town", "village"]) c[role] = await loginAs(t.app, role);
  ids.village = await unitId(t.db, "马杭村");
  ids.town = await unitId(t.db, "湖塘镇");
  ids.road = (await t.db.execute<{ id: string }>(sql`select id from incident_types where code = '22100'`)).rows[0].id;
  ids.quake = (await t.db.execute<{ id: string }>(sql`select id from incident_types where code = '13000'`)).rows[0].id;
}, 180_000);
afterAll(() => t?.close());

const todo = async (who: Client) => {
  const res = await who.get("/api/todo");
  expect(res.statusCode).toBe(200);
  return res.json() as TodoList;
};
const ctx = () => ({ config: t.config, database: t.database, db: t.db });
const providers = () => MODULES.flatMap((m) => m.todo ?? []);
/** The service-level actor of a signed-in client (as the HTTP layer makes it). */
async function actorOf(who: Client): Promise<Actor> {
  const { rows } = await t.db.execute<{ p: string }>(sql`select path::text as p from org_units where id = ${who.me.unitId}`);
  return { ...who.me, unitPath: rows[0].p, sessionId: "", csrfToken: "", ip: "127.0.0.1" } as unknown as Actor;
}
const ofKind = (l: TodoList, kind: TodoItem["kind"], objectId?: string) => l.items.filter((i) => i.kind === kind && (!objectId || i.objectId === objectId));

const report = (over: Record<string, unknown> = {}) => {
  const at = new Date(Date.now() - 10 * 60_000).toISOString();
  return { title: "马杭村民房起火", typeId: ids.quake, unitId: ids.village, lat: 31.72, lon: 119.97, address: "马杭村", occurredAt: at, learnedAt: at, level: "IV", figures: ZERO, body: "x", reporterName: "联络员", ...over };
};

describe("incidents: the report chain's owed work", () => {
  it("puts a village report on the town's list with the 2 h forwarding deadline, and takes it off once forwarded", async () => {
    const created = (await c.village.post("/api/incidents", report())).json();
    const submittedAt = Date.parse(created.reports[0].submittedAt);
    const town = ofKind(await todo(c.town), "incident.forward", created.id);
    expect(town).toHaveLength(1);
    expect(Date.parse(town[0].deadline!)).toBe(submittedAt + 120 * 60_000);
    expect(town[0]).toMatchObject({ overdue: false, link: `/incidents/${created.id}`, title: "马杭村民房起火" });
    // The village owes no forwarding, the district's duty officer nothing yet (the report is at the town).
    expect(ofKind(await todo(c.village), "incident.forward", created.id)).toHaveLength(0);
    expect(ofKind(await todo(c.duty), "incident.forward", created.id)).toHaveLength(0);
    expect((await c.town.post(`/api/incidents/${created.id}/reports/${created.reports[0].id}/forward`, {})).statusCode).toBe(200);
    expect(ofKind(await todo(c.town), "incident.forward", created.id)).toHaveLength(0);
    // At the top of the tree nothing is owed upward.
    expect(ofKind(await todo(c.duty), "incident.forward", created.id)).toHaveLength(0);
  });

  it("lists the responsible unit's next follow-up, due a day after the initial report and overdue once that has passed", async () => {
    const created = (await c.village.post("/api/incidents", report({ title: "马杭村旧事" }))).json();
    const [item] = ofKind(await todo(c.village), "incident.followup", created.id);
    expect(Date.parse(item.deadline!)).toBe(Date.parse(created.reports[0].submittedAt) + 24 * 3_600_000);
    expect(item).toMatchObject({ overdue: false, link: `/incidents/${created.id}` });
    const later = await todoFor(ctx(), providers(), await actorOf(c.village), new Date(Date.parse(item.deadline!) + 60_000));
    expect(ofKind(later, "incident.followup", created.id)[0].overdue).toBe(true);
    expect(later.items[0].overdue).toBe(true);
    expect(ofKind(await todo(c.town), "incident.followup", created.id)).toHaveLength(0);
  });

  it("puts an instruction on the units below until read, and serious incidents on the leader's decision list until instructed", async () => {
    const created = (await c.village.post("/api/incidents", report({ title: "马杭村化工厂泄漏", level: "III", figures: { ...ZERO, dead: 3 } }))).json();
    expect(ofKind(await todo(c.leader), "incident.decide", created.id)).toHaveLength(1);
    expect((await c.leader.post(`/api/incidents/${created.id}/instructions`, { text: "全力救治伤员" })).statusCode).toBeLessThan(300);
    expect(ofKind(await todo(c.leader), "incident.decide", created.id)).toHaveLength(0);
    expect(ofKind(await todo(c.leader), "incident.instruction", created.id)).toHaveLength(0);
    const [toRead] = ofKind(await todo(c.town), "incident.instruction", created.id);
    expect(toRead.detail).toContain("全力救治伤员");
    const centre = (await c.town.get("/api/notifications")).json();
    const entry = centre.items.find((n: { key: string }) => n.key === toRead.key);
    expect(entry.readAt).toBeNull();
    expect((await c.town.post("/api/notifications/read", { ids: [entry.id] })).json().marked).toBe(1);
    expect(ofKind(await todo(c.town), "incident.instruction", created.id)).toHaveLength(0);
    // Read by the town's user, still owed by the village's.
    expect(ofKind(await todo(c.village), "incident.instruction", created.id)).toHaveLength(1);
  });
});

describe("warnings: release, acknowledgement, feedback", () => {
  it("puts a submitted draft on the approver's list (not the drafter's), then the target unit's acknowledgement and feedback", async () => {
    const draft = (await c.duty.post("/api/warnings", {
      level: "yellow", incidentTypeId: null, headline: "湖塘镇暴雨黄色预警", description: "x", instruction: "x", area: { description: "湖塘镇", polygons: [], circles: [], unitIds: [] },
      effectiveAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 86_400_000).toISOString(), public: false,
      targets: { unitIds: [ids.town], inArea: false, roles: [], channels: ["inapp"] },
    })).json();
    const submitted = (await c.duty.post(`/api/warnings/${draft.id}/submit`, { version: draft.version })).json();
    expect(ofKind(await todo(c.leader), "warning.release", draft.id)).toHaveLength(1);
    expect(ofKind(await todo(c.duty), "warning.release", draft.id)).toHaveLength(0);
    expect((await c.leader.post(`/api/warnings/${draft.id}/approve`, { version: submitted.version })).statusCode).toBe(200);
    expect(ofKind(await todo(c.leader), "warning.release", draft.id)).toHaveLength(0);
    const [ack] = ofKind(await todo(c.town), "warning.ack", draft.id);
    expect(ack.deadline).not.toBeNull();
    expect((await c.town.post(`/api/warnings/${draft.id}/ack`, {})).statusCode).toBeLessThan(300);
    expect(ofKind(await todo(c.town), "warning.ack", draft.id)).toHaveLength(0);
    expect(ofKind(await todo(c.town), "warning.feedback", draft.id)).toHaveLength(1);
    expect((await c.town.post(`/api/warnings/${draft.id}/feedback`, { measures: "巡查", responseLevel: "IV", peopleSent: 3, teamsSent: 1, watchers: "张三" })).statusCode).toBeLessThan(300);
    expect(ofKind(await todo(c.town), "warning.feedback", draft.id)).toHaveLength(0);
  });
});

describe("duty: spot-check calls", () => {
  it("lists the drawn units not yet checked, and drops one once its check is recorded", async () => {
    const draw = (await c.duty.post("/api/duty/spot-checks/draw", { count: 2 })).json();
    const items = ofKind(await todo(c.duty), "duty.spotcheck");
    expect(items.map((i) => i.objectId).sort()).toEqual(draw.units.map((u: { unitId: string }) => u.unitId).sort());
    const first = draw.units[0].unitId;
    expect((await c.duty.post("/api/duty/spot-checks", { unitId: first, method: "phone", at: new Date().toISOString(), answered: true, answerSeconds: 5, officerPresent: true, leaderPresent: true, logComplete: true })).statusCode).toBe(201);
    expect(ofKind(await todo(c.duty), "duty.spotcheck").map((i) => i.objectId)).not.toContain(first);
  });
});

describe("every provider", () => {

  it("answers every role with items of its declared kinds only, each with a console link and a stable key", async () => {
    const declared = new Map(providers().flatMap((p) => p.kinds.map((k) => [k, p.name])));
    expect([...declared.keys()].sort()).toEqual([...TODO_KINDS].sort());
    for (const role of ROLES) {
      const who = c[role] ?? (c[role] = await loginAs(t.app, role));
      const list = await todo(who);
      expect(list.incomplete, role).toEqual([]);
      for (const i of list.items) {
        expect(declared.has(i.kind), `${role} ${i.kind}`).toBe(true);
        expect(i.link.startsWith("/"), i.link).toBe(true);
        expect(i.key.startsWith(`${i.kind}:`), i.key).toBe(true);
      }
      const keys = list.items.map((i) => i.key);
      expect(new Set(keys).size, role).toBe(keys.length);
      if (!can(role, "org.read")) expect(list.items, role).toEqual([]);
    }
  });

  it("leaves out a provider that fails or runs past its budget, and answers the others", async () => {
    const actor = await actorOf(c.town);
    const slow: TodoProvider = { name: "slow", kinds: [], owed: () => new Promise(() => {}) };
    const broken: TodoProvider = { name: "broken", kinds: [], owed: async () => { throw new Error("boom"); } };
    const list = await todoFor(ctx(), [...providers(), slow, broken], actor, new Date(), 300);
    expect(list.incomplete.sort()).toEqual(["broken", "slow"]);
  });
});

describe("notification centre", () => {
  it("counts unread entries of kinds not muted, marks them read, and keeps muted kinds listed", async () => {
    await c.village.post("/api/incidents", report({ title: "马杭村再报" }));
    const before = (await c.town.get("/api/notifications")).json();
    const forwards = before.items.filter((n: { kind: string; readAt: string | null }) => n.kind === "incident.forward" && !n.readAt).length;
    expect(forwards).toBeGreaterThan(0);
    expect((await c.town.put("/api/notifications/mutes", { kinds: ["incident.forward"] })).json()).toEqual({ kinds: ["incident.forward"] });
    const muted = (await c.town.get("/api/notifications")).json();
    expect(muted.unread).toBe(before.unread - forwards);
    expect(muted.items.find((n: { kind: string }) => n.kind === "incident.forward").muted).toBe(true);
    // Muting a kind leaves its items on the to-do list: a deadline is not muted.
    expect(ofKind(await todo(c.town), "incident.forward").length).toBeGreaterThan(0);
    await c.town.post("/api/notifications/read", {});
    expect((await c.town.get("/api/notifications")).json().unread).toBe(0);
    expect((await c.town.get("/api/notifications/mutes")).json()).toEqual({ kinds: ["incident.forward"] });
  });

  it("keeps each user's centre to themselves", async () => {
    const mine = (await c.town.get("/api/notifications")).json().items.map((n: { id: string }) => n.id);
    const other = (await c.village.post("/api/notifications/read", { ids: mine })).json();
    expect(other.marked).toBe(0);
  });
});
