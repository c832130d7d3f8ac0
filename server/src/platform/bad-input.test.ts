/**
 * Every JSON write route, with wrong, missing, unknown and oversized input: 400 naming the
 * field (413 for an oversized body), and nothing written — checked by the audit log, which
 * every write appends to, and by the route's own table. Then every field of every such route,
 * found by walking the route's body schema, with the values that once answered 500 (security
 * notes, input finding 9): NUL and other control characters, lone surrogates, dates out of
 * range, null for a list or an object, absurd numbers.
 */
import { sql } from "drizzle-orm";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, countRows, loginAs, unitId, type Client, type TestApp } from "../../test/helpers.ts";
import { errorHandler } from "./http.ts";
import { fieldName, fieldsOf, jsonSchemaOf, typeOf, withValueAt, type Field } from "../../test/schema-walk.ts";

let t: TestApp;
let admin: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginAs(t.app, "admin");
  ids.town = await unitId(t.db, "湖塘镇");
  ids.village = await unitId(t.db, "马杭村");
  ids.person = (await t.db.execute<{ id: string }>(sql`select id from people limit 1`)).rows[0].id;
  ids.resp = (await t.db.execute<{ id: string }>(sql`select id from responsibilities limit 1`)).rows[0].id;
  ids.type = (await t.db.execute<{ id: string }>(sql`select id from incident_types where code = '13000'`)).rows[0].id;
  ids.user = (await admin.get("/api/users?q=village")).json().items[0].id;
  const duo = (await t.db.execute<{ id: string }>(sql`select id from people where unit_id = ${ids.town} and active limit 2`)).rows.map((r) => r.id);
  [ids.dutyPerson, ids.dutyPerson2] = duo;
  ids.shift = (await admin.post("/api/duty/shifts", { unitId: ids.town, startsAt: new Date(Date.now() + 86_400_000).toISOString(), officerIds: [duo[0]] })).json().id;
  ids.swap = (await admin.post(`/api/duty/shifts/${ids.shift}/swaps`, { fromPersonId: duo[0], toPersonId: duo[1] })).json().id;
  ids.keyPeriod = (await admin.post("/api/duty/key-periods", { unitId: ids.town, name: "端午", kind: "holiday", startsAt: "2030-06-01T00:00:00+08:00", endsAt: "2030-06-03T00:00:00+08:00" })).json().id;
  const incident = (await admin.post("/api/incidents", newIncident())).json();
  [ids.incident, ids.report] = [incident.id, incident.reports[0].id];
  // resources (issue 5): a seeded row of every registry.
  for (const table of ["teams", "experts", "volunteers", "warehouses", "material_items", "requisitions", "shelters"]) {
    ids[table] = (await t.db.execute<{ id: string }>(sql`select id from ${sql.identifier(table)} order by name limit 1`)).rows[0].id;
  }
  // warnings (feeds): a disabled feed (nothing is fetched).
  ids.feed = (await admin.post("/api/warning-feeds", { name: "信息源", url: "http://127.0.0.1:9/cap.xml", enabled: false })).json().id;
});

const ZERO_FIGURES = { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 };
// warnings: a valid draft
const newWarning = () => ({
  level: "blue", incidentTypeId: null, headline: "预警", description: "x", instruction: "x", area: { description: "x", polygons: [], circles: [], unitIds: [] },
  effectiveAt: "2030-01-01T08:00:00+08:00", expiresAt: "2030-01-02T08:00:00+08:00", public: false,
  targets: { unitIds: [ids.town], inArea: false, roles: [], channels: ["inapp"] },
});
const newIncident = () => ({
  title: "事件", typeId: ids.type, unitId: ids.village, lat: 31.7, lon: 119.9, address: "马杭村", occurredAt: "2026-01-01T08:00:00+08:00",
  learnedAt: "2026-01-01T08:30:00+08:00", level: "IV", figures: ZERO_FIGURES, body: "x", reporterName: "x",
});
afterAll(() => t?.close());

interface Case {
  method: string;
  url: string;
  table: string;
  /** A body the route would accept. */
  valid: Record<string, unknown>;
  /** A required field (omitted in the "missing" case), when the body has one. */
  required?: string;
  /** A field and a value of the wrong type. */
  wrongType: [string, unknown];
  /** A string field and its limit (the oversize case sends limit + 1 characters). */
  long?: [string, number];
}

const cases = (): Case[] => [
  { method: "POST", url: "/api/auth/login", table: "sessions", valid: { username: "admin", password: "x" }, required: "password", wrongType: ["username", 7], long: ["password", 64] },
  { method: "POST", url: "/api/auth/password", table: "users", valid: { currentPassword: "a", newPassword: "b" }, required: "newPassword", wrongType: ["newPassword", true], long: ["newPassword", 64] },
  { method: "POST", url: "/api/auth/totp/enable", table: "users", valid: { code: "123456" }, required: "code", wrongType: ["code", 123456] },
  { method: "POST", url: "/api/auth/logout", table: "sessions", valid: {}, wrongType: ["all", "yes"] },
  { method: "POST", url: "/api/auth/logout-all", table: "sessions", valid: {}, wrongType: ["all", "yes"] },
  { method: "POST", url: "/api/auth/totp/setup", table: "users", valid: {}, wrongType: ["secret", 1] },
  { method: "POST", url: "/api/users", table: "users", valid: { username: "newuser", displayName: "新用户", role: "town", unitId: ids.town, password: "Good#Pass2030" }, required: "role", wrongType: ["unitId", "not-a-uuid"], long: ["displayName", 100] },
  { method: "PATCH", url: `/api/users/${ids.user}`, table: "users", valid: { version: 1, displayName: "改名" }, required: "version", wrongType: ["active", "no"], long: ["displayName", 100] },
  { method: "POST", url: "/api/org/units", table: "org_units", valid: { parentId: ids.town, kind: "village", name: "新村" }, required: "name", wrongType: ["population", "many"], long: ["name", 100] },
  { method: "PATCH", url: `/api/org/units/${ids.village}`, table: "org_units", valid: { version: 1, name: "改名" }, required: "version", wrongType: ["lat", "north"], long: ["address", 200] },
  { method: "POST", url: `/api/org/units/${ids.village}/move`, table: "org_units", valid: { version: 1, parentId: ids.town }, required: "parentId", wrongType: ["version", "1"] },
  { method: "PUT", url: `/api/org/units/${ids.village}/checklist/body`, table: "unit_checklist", valid: { done: true, version: 0 }, required: "done", wrongType: ["done", "yes"], long: ["note", 4000] },
  { method: "POST", url: "/api/org/responsibilities", table: "responsibilities", valid: { incidentTypeId: ids.type, unitId: ids.town, role: "member", duties: "x" }, required: "duties", wrongType: ["role", "boss"], long: ["duties", 4000] },
  { method: "PATCH", url: `/api/org/responsibilities/${ids.resp}`, table: "responsibilities", valid: { version: 1, duties: "y" }, required: "version", wrongType: ["role", 3], long: ["duties", 4000] },
  { method: "DELETE", url: `/api/org/responsibilities/${ids.resp}`, table: "responsibilities", valid: {}, wrongType: ["force", true] },
  { method: "POST", url: "/api/org/people", table: "people", valid: { unitId: ids.town, name: "张三" }, required: "name", wrongType: ["mobile", 13800000000], long: ["name", 50] },
  { method: "PATCH", url: `/api/org/people/${ids.person}`, table: "people", valid: { version: 1, name: "李四" }, required: "version", wrongType: ["isLiaison", "yes"], long: ["duty", 200] },
  { method: "POST", url: `/api/org/people/${ids.person}/unmask`, table: "people", valid: {}, wrongType: ["reason", 1] },
  { method: "POST", url: "/api/incidents", table: "incidents", valid: newIncident(), required: "title", wrongType: ["lat", "north"], long: ["body", 4000] },
  { method: "POST", url: `/api/incidents/${ids.incident}/reports`, table: "incident_reports", valid: { kind: "followup", figures: ZERO_FIGURES, body: "x", reporterName: "x" }, required: "body", wrongType: ["figures", "many"], long: ["body", 4000] },
  { method: "POST", url: `/api/incidents/${ids.incident}/reports/${ids.report}/forward`, table: "incident_report_forwards", valid: {}, wrongType: ["note", 5], long: ["note", 4000] },
  { method: "PATCH", url: `/api/incidents/${ids.incident}/reports/${ids.report}`, table: "incident_reports", valid: {}, wrongType: ["version", "1"] },
  { method: "DELETE", url: `/api/incidents/${ids.incident}/reports/${ids.report}`, table: "incident_reports", valid: {}, wrongType: ["version", "1"] },
  { method: "PATCH", url: "/api/incidents/report-rules", table: "incident_report_rules", valid: { minutes: { "initial.IV": 120 } }, required: "minutes", wrongType: ["minutes", 5] },
  { method: "PATCH", url: "/api/incidents/level-rules", table: "incident_level_rules", valid: { rules: [{ level: "III", dead: 3, seriouslyInjured: 10, directLoss: 10_000_000 }] }, required: "rules", wrongType: ["rules", "III"] },
  { method: "POST", url: `/api/incidents/${ids.incident}/instructions`, table: "incident_instructions", valid: { text: "批示" }, required: "text", wrongType: ["text", 5], long: ["text", 4000] },
  { method: "POST", url: "/api/duty/key-periods", table: "duty_key_periods", valid: { unitId: ids.town, name: "国庆", kind: "holiday", startsAt: "2030-10-01T00:00:00+08:00", endsAt: "2030-10-08T00:00:00+08:00" }, required: "kind", wrongType: ["minOfficers", "two"], long: ["name", 100] },
  { method: "PATCH", url: `/api/duty/key-periods/${ids.keyPeriod}`, table: "duty_key_periods", valid: { version: 1, minOfficers: 3 }, required: "version", wrongType: ["leaderRequired", "yes"], long: ["name", 100] },
  { method: "POST", url: "/api/duty/shifts", table: "duty_shifts", valid: { unitId: ids.town, startsAt: "2030-03-01T08:00:00+08:00", officerIds: [ids.dutyPerson] }, required: "startsAt", wrongType: ["officerIds", "x"] },
  { method: "POST", url: "/api/duty/shifts/generate", table: "duty_shifts", valid: { unitId: ids.town, month: "2030-04", officers: [ids.dutyPerson] }, required: "month", wrongType: ["officersPerShift", "1"] },
  { method: "PATCH", url: `/api/duty/shifts/${ids.shift}`, table: "duty_shifts", valid: { version: 1, leaderId: null }, required: "version", wrongType: ["leaderId", 7] },
  { method: "POST", url: `/api/duty/shifts/${ids.shift}/swaps`, table: "duty_swaps", valid: { fromPersonId: ids.dutyPerson, toPersonId: ids.dutyPerson2 }, required: "toPersonId", wrongType: ["reason", 5], long: ["reason", 200] },
  { method: "POST", url: `/api/duty/swaps/${ids.swap}/approve`, table: "duty_swaps", valid: { version: 1 }, required: "version", wrongType: ["note", 1], long: ["note", 200] },
  { method: "POST", url: `/api/duty/swaps/${ids.swap}/reject`, table: "duty_swaps", valid: { version: 1 }, required: "version", wrongType: ["note", 1], long: ["note", 200] },
  { method: "POST", url: "/api/duty/logs", table: "duty_logs", valid: { shiftId: ids.shift, kind: "event", content: "x" }, required: "kind", wrongType: ["at", 5], long: ["content", 4000] },
  { method: "POST", url: "/api/duty/spot-checks/draw", table: "duty_spot_check_draws", valid: { count: 1 }, required: "count", wrongType: ["count", "1"] },
  { method: "POST", url: "/api/duty/spot-checks", table: "duty_spot_checks", valid: { unitId: ids.town, method: "phone", at: "2026-01-01T10:00:00+08:00", answered: true, officerPresent: true, leaderPresent: true, logComplete: true }, required: "method", wrongType: ["answered", "yes"], long: ["note", 4000] },
  // resources (issue 5): every registry's writes, then stock and shelters.
  ...([
    ["teams", "teams", { kind: "fire", readiness: "ready" }, ["readiness", "soon"]],
    ["experts", "experts", { level: "district", availability: "available" }, ["specialties", "fire"]],
    ["volunteers", "volunteers", { kind: "group", availability: "available" }, ["headcount", "many"]],
    ["warehouses", "warehouses", { kind: "government" }, ["area", "big"]],
    ["material-items", "material_items", { category: "flood", measureUnit: "条" }, ["category", 5]],
    ["requisitions", "requisitions", { fromKind: "person", fromParty: "某人", requisitionedAt: "2026-07-01T08:00:00+08:00", outcome: "in_use" }, ["requisitionedAt", "yesterday"]],
    ["shelters", "shelters", { kind: "park", shelterClass: "II", usableArea: 1000 }, ["facilities", "water"]],
  ] as const).flatMap(([key, table, fields, wrong]): Case[] => {
    const located = !["material-items", "requisitions"].includes(key);
    return [
      { method: "POST", url: `/api/${key}`, table, valid: { unitId: ids.town, name: "新记录", ...(located ? { lat: 31.7, lon: 119.95 } : {}), ...fields }, required: "name", wrongType: located ? ["lat", "north"] : [...wrong], long: ["name", 100] },
      { method: "PATCH", url: `/api/${key}/${ids[table]}`, table, valid: { version: 1, name: "改名" }, required: "version", wrongType: [...wrong], long: ["name", 100] },
      { method: "DELETE", url: `/api/${key}/${ids[table]}`, table, valid: {}, wrongType: ["version", "1"] },
    ];
  }),
  { method: "POST", url: "/api/stock-movements", table: "stock_movements", valid: { kind: "in", warehouseId: ids.warehouses, itemId: ids.material_items, quantity: 5 }, required: "itemId", wrongType: ["quantity", "5"], long: ["reason", 200] },
  { method: "PUT", url: "/api/stock/minimum", table: "stock_minimums", valid: { warehouseId: ids.warehouses, itemId: ids.material_items, minimum: 3 }, required: "minimum", wrongType: ["minimum", "x"] },
  { method: "POST", url: `/api/warehouses/${ids.warehouses}/inspections`, table: "warehouse_inspections", valid: { lines: [{ itemId: ids.material_items, counted: 1 }] }, required: "lines", wrongType: ["lines", "x"], long: ["note", 4000] },
  { method: "POST", url: `/api/shelters/${ids.shelters}/status`, table: "shelters", valid: { status: "open", occupancy: 1 }, required: "status", wrongType: ["occupancy", "1"] },
  { method: "POST", url: `/api/shelters/${ids.shelters}/inspections`, table: "shelter_inspections", valid: { passed: true }, required: "passed", wrongType: ["passed", "yes"], long: ["findings", 4000] },
  // warnings (feeds)
  { method: "POST", url: "/api/warning-feeds", table: "warning_feeds", valid: { name: "新信息源", url: "http://127.0.0.1:9/feed.xml", enabled: false }, required: "url", wrongType: ["intervalSeconds", "60"], long: ["name", 100] },
  { method: "PATCH", url: `/api/warning-feeds/${ids.feed}`, table: "warning_feeds", valid: { version: 1, name: "改名" }, required: "version", wrongType: ["enabled", "yes"], long: ["url", 2000] },
  { method: "DELETE", url: `/api/warning-feeds/${ids.feed}`, table: "warning_feeds", valid: {}, wrongType: ["force", true] },
  { method: "POST", url: `/api/warning-feeds/${ids.feed}/poll`, table: "warning_feeds", valid: {}, wrongType: ["now", 1] },
  // warnings (validation comes before the row is read, so any id will do)
  { method: "POST", url: "/api/warnings", table: "warnings", valid: newWarning(), required: "headline", wrongType: ["level", "purple"], long: ["headline", 200] },
  { method: "POST", url: "/api/warnings/preview", table: "warnings", valid: { targets: newWarning().targets, area: newWarning().area }, required: "targets", wrongType: ["area", 5] },
  { method: "PATCH", url: "/api/warnings/00000000-0000-4000-8000-0000000000aa", table: "warnings", valid: { version: 1, headline: "改" }, required: "version", wrongType: ["public", "yes"], long: ["description", 4000] },
  { method: "POST", url: "/api/warnings/00000000-0000-4000-8000-0000000000aa/submit", table: "warnings", valid: { version: 1 }, required: "version", wrongType: ["version", "1"] },
  { method: "POST", url: "/api/warnings/00000000-0000-4000-8000-0000000000aa/approve", table: "warning_deliveries", valid: { version: 1 }, required: "version", wrongType: ["totp", 123456] },
  { method: "POST", url: "/api/warnings/00000000-0000-4000-8000-0000000000aa/reject", table: "warnings", valid: { version: 1, note: "x" }, required: "note", wrongType: ["version", "1"], long: ["note", 4000] },
  { method: "POST", url: "/api/warnings/00000000-0000-4000-8000-0000000000aa/revise", table: "warning_versions", valid: { version: 1, note: "x" }, required: "note", wrongType: ["level", "purple"], long: ["headline", 200] },
  { method: "POST", url: "/api/warnings/00000000-0000-4000-8000-0000000000aa/cancel", table: "warning_versions", valid: { version: 1, note: "x" }, required: "note", wrongType: ["totp", 1], long: ["note", 4000] },
  { method: "POST", url: "/api/warnings/00000000-0000-4000-8000-0000000000aa/ack", table: "warning_acks", valid: {}, wrongType: ["note", 5], long: ["note", 4000] },
  { method: "POST", url: "/api/warnings/00000000-0000-4000-8000-0000000000aa/feedback", table: "warning_feedback", valid: { measures: "x", responseLevel: "IV", peopleSent: 1, teamsSent: 1, watchers: "x" }, required: "measures", wrongType: ["peopleSent", "many"], long: ["measures", 4000] },
  { method: "POST", url: "/api/warnings/00000000-0000-4000-8000-0000000000aa/read", table: "warning_deliveries", valid: {}, wrongType: ["all", true] },
  { method: "POST", url: "/api/warnings/call-tasks/00000000-0000-4000-8000-0000000000aa/done", table: "warning_escalations", valid: { note: "x" }, required: "note", wrongType: ["note", 5], long: ["note", 4000] },
  // to-do: the notification centre's read markers and muted kinds
  { method: "POST", url: "/api/notifications/read", table: "notifications", valid: {}, wrongType: ["ids", "all"] },
  { method: "PUT", url: "/api/notifications/mutes", table: "notification_mutes", valid: { kinds: ["stock.alert"] }, required: "kinds", wrongType: ["kinds", "stock.alert"] },
  { method: "POST", url: "/api/warnings/push-subscriptions", table: "warning_push_subscriptions", valid: { endpoint: "https://push.example.com/x", keys: { p256dh: "a", auth: "b" } }, required: "endpoint", wrongType: ["keys", "x"], long: ["endpoint", 2000] },
];

const UPLOAD_ROUTES = [
  "/api/org/units/:id/checklist/:item/evidence", "/api/org/units/import", "/api/org/people/import", "/api/incidents/:id/reports/:reportId/attachments",
  // resources (issue 5)
  ...["teams", "experts", "volunteers", "warehouses", "material-items", "requisitions", "shelters"].map((key) => `/api/${key}/import`), "/api/requisitions/:id/documents",
  // warnings: a CAP document (application/cap+xml), refused with the CAP path of the fault (warnings.test.ts)
  "/api/warnings/import",
];

/** The route a case calls, as app.routeList names it. */
const routeKey = (c: Case) => `${c.method} ${c.url.replace(/[0-9a-f-]{36}/g, ":id").replace("/checklist/body", "/checklist/:item").replace("/reports/:id", "/reports/:reportId")}`;

async function expectNothingWritten(table: string, run: () => Promise<void>) {
  const [audit, rows] = [await countRows(t.db, "audit_log"), await countRows(t.db, table)];
  await run();
  expect(await countRows(t.db, "audit_log")).toBe(audit);
  expect(await countRows(t.db, table)).toBe(rows);
}

describe("bad input on every JSON write route", () => {
  it("has a case for every write route that is not an upload", () => {
    const writes = t.app.routeList
      .filter((r) => r.url.startsWith("/api/") && ["POST", "PUT", "PATCH", "DELETE"].includes(r.method) && !UPLOAD_ROUTES.includes(r.url))
      .map((r) => `${r.method} ${r.url}`).sort();
    const covered = cases().map(routeKey).sort();
    expect(covered).toEqual(writes);
  });

  for (const kind of ["unknown", "missing", "wrongType", "long"] as const) {
    it(`answers 400 naming the field for ${kind} input, and writes nothing`, async () => {
      for (const c of cases()) {
        let body: Record<string, unknown>;
        let field: string;
        if (kind === "unknown") [body, field] = [{ ...c.valid, zzUnknown: 1 }, "zzUnknown"];
        else if (kind === "missing") {
          if (!c.required) continue;
          const { [c.required]: _gone, ...rest } = c.valid;
          [body, field] = [rest, c.required];
        } else if (kind === "wrongType") [body, field] = [{ ...c.valid, [c.wrongType[0]]: c.wrongType[1] }, c.wrongType[0]];
        else {
          if (!c.long) continue;
          [body, field] = [{ ...c.valid, [c.long[0]]: "长".repeat(c.long[1] + 1) }, c.long[0]];
        }
        await expectNothingWritten(c.table, async () => {
          const res = await admin.request(c.method as "POST", c.url, body);
          expect(res.statusCode, `${c.method} ${c.url} ${kind}`).toBe(400);
          expect(res.json().error.code).toBe("bad_request");
          expect(res.json().error.message, `${c.method} ${c.url}`).toContain(field);
        });
      }
    });
  }

  it("answers 413 to an oversized body and 400 to a body that is not JSON", async () => {
    for (const c of cases()) {
      await expectNothingWritten(c.table, async () => {
        const big = await admin.request(c.method as "POST", c.url, JSON.stringify({ ...c.valid, pad: "x".repeat(300_000) }), { "content-type": "application/json" });
        expect(big.statusCode, `${c.method} ${c.url}`).toBe(413);
        const broken = await admin.request(c.method as "POST", c.url, "{not json", { "content-type": "application/json" });
        expect(broken.statusCode, `${c.method} ${c.url}`).toBe(400);
      });
    }
  });
});

describe("bad input that only one route refuses", () => {
  it("answers 400 naming url to a CAP feed address with credentials (the poller would send them anywhere), and writes nothing", async () => {
    for (const [method, url, body] of [
      ["POST", "/api/warning-feeds", { name: "带口令", url: "http://user:secret@127.0.0.1:9/feed.xml" }],
      ["PATCH", `/api/warning-feeds/${ids.feed}`, { version: 1, url: "https://user@127.0.0.1:9/feed.xml" }],
    ] as const) {
      await expectNothingWritten("warning_feeds", async () => {
        const res = await admin.request(method, url, body);
        expect(res.statusCode, `${method} ${url}`).toBe(400);
        expect(res.json().error.message).toMatch(/url.*用户名或密码/);
      });
    }
  });
});

// ---------------------------------------------------------------- every field, by class (finding 9)

const INT4_OVERFLOW = 2 ** 31;
/** An integer field whose declared maximum is a real limit at or above 2^31 (a bigint column), not zod's safe-integer default. */
const bigIntegerColumn = (f: Field) => f.schema.maximum !== undefined && f.schema.maximum >= INT4_OVERFLOW && f.schema.maximum !== Number.MAX_SAFE_INTEGER;
const isString = (f: Field) => typeOf(f.schema) === "string";

/** The bad values of each class for one field (none when the class does not apply to it). */
const BAD_VALUES: Record<string, (f: Field) => unknown[]> = {
  "a NUL character": (f) => (isString(f) ? ["a\u0000b"] : []),
  "a C0 control character": (f) => (isString(f) ? ["a\u0007b", "\u001b[31m"] : []),
  "a lone surrogate": (f) => (isString(f) ? ["a\ud800b", "\udc00"] : []),
  "a date out of range": (f) =>
    f.schema.format === "date-time" ? ["0000-01-01T00:00:00+08:00", "9999-12-31T23:00:00+08:00"] : f.schema.format === "date" ? ["0000-01-01", "9999-12-31"] : [],
  // A list is empty as [], never null (null lists reached the services and crashed them).
  "null for a list or an object": (f) => (["array", "object"].includes(typeOf(f.schema) ?? "") ? [null] : []),
  "an absurd number": (f) => {
    const type = typeOf(f.schema);
    if (type !== "number" && type !== "integer") return [];
    return type === "integer" && !bigIntegerColumn(f) ? [1e300, -1e300, INT4_OVERFLOW] : [1e300, -1e300];
  },
};

describe("bad values in every field of every JSON write route (walked from the route's schema)", () => {
  for (const [name, valuesOf] of Object.entries(BAD_VALUES)) {
    it(`answers 400 naming the field for ${name}, never 5xx, and writes nothing`, async () => {
      let tried = 0;
      for (const c of cases()) {
        const route = t.app.routeList.find((r) => `${r.method} ${r.url}` === routeKey(c));
        const schema = jsonSchemaOf(route?.body);
        if (!schema) continue;
        await expectNothingWritten(c.table, async () => {
          for (const f of fieldsOf(schema)) {
            for (const value of valuesOf(f)) {
              tried++;
              const res = await admin.request(c.method as "POST", c.url, withValueAt(c.valid, schema, f.path, value));
              const what = `${c.method} ${c.url} ${fieldName(f.path)}=${JSON.stringify(value)}`;
              expect(res.statusCode, `${what}: ${res.body}`).toBe(400);
              const named = (res.json().error.details?.fields ?? []).map((x: { field: string }) => x.field);
              expect(named, what).toContain(fieldName(f.path));
            }
          }
        });
      }
      expect(tried, "fields found for this class").toBeGreaterThan(20);
    }, 120_000);
  }
});

describe("a bad value that reaches the database anyway (defence in depth)", () => {
  it("answers 400, not 500, when the database refuses a value as invalid or out of range", async () => {
    const probe = Fastify({ logger: false });
    probe.setErrorHandler(errorHandler);
    const values: Record<string, () => Promise<unknown>> = {
      nul: () => t.db.execute(sql`select ${"a\u0000b"}::text`),
      int: () => t.db.execute(sql`select ${String(2 ** 31)}::int4`),
      date: () => t.db.execute(sql`select '294276-12-31'::timestamptz + interval '1 year'`),
      uuid: () => t.db.execute(sql`select ${"not-a-uuid"}::uuid`),
    };
    probe.get("/probe/:kind", async (req) => values[(req.params as { kind: string }).kind]());
    for (const kind of Object.keys(values)) {
      const res = await probe.inject({ method: "GET", url: `/probe/${kind}` });
      expect(res.statusCode, `${kind}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe("bad_request");
    }
    await probe.close();
  });
});
