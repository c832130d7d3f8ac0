/**
 * Every GET route of the app answers without a 5xx, called as the district duty officer and the
 * district administrator with real demo ids in its path and its documented query parameters
 * (each alone, each enum value, and all together). Enumerates app.routeList, so a route added
 * later is covered the day it lands; a path parameter the test cannot fill fails it by name.
 * (Found from outside: GET /api/warnings/{id}/deliveries answered 500 to everybody.)
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, loginAs, unitId, type Client, type TestApp } from "../../test/helpers.ts";

let t: TestApp;
let admin: Client;
let duty: Client;
let doc: { paths: Record<string, Record<string, { parameters?: Param[] }>> };

interface Schema { type?: string | string[]; enum?: unknown[]; format?: string; pattern?: string; minimum?: number; maximum?: number; anyOf?: Schema[]; oneOf?: Schema[]; default?: unknown; items?: Schema }
interface Param { name: string; in: string; required?: boolean; schema?: Schema }

/** Row ids by route prefix (the part before `/:id`): the real rows each route is called with. */
const rowIds = new Map<string, string>();
/** Ids for query parameters by name (unitId=…); others get a well-formed id of no row. */
const queryIds: Record<string, string> = {};
const NO_ROW = "00000000-0000-4000-8000-000000000001";

/** The first row of a collection's own list route, as the administrator sees it. */
async function firstOf(collection: string): Promise<string | undefined> {
  const res = await admin.get(`${collection}${collection.includes("?") ? "&" : "?"}pageSize=1`);
  if (res.statusCode !== 200) return undefined;
  const body = res.json();
  const list = Array.isArray(body) ? body : body?.items;
  return Array.isArray(list) && list[0]?.id ? String(list[0].id) : undefined;
}

beforeAll(async () => {
  t = await buildTestApp({ WARNING_FEEDS_POLL: "false" });
  admin = await loginAs(t.app, "admin");
  duty = await loginAs(t.app, "duty");
  const leader = await loginAs(t.app, "leader");
  doc = (await t.app.inject({ url: "/api/openapi.json" })).json();
  const town = await unitId(t.db, "湖塘镇");
  const person = (await t.db.execute<{ id: string }>(sql`select id from people where active limit 1`)).rows[0]!.id;
  // Rows the demo data may lack: a released warning (with deliveries), a feed, a duty shift, an incident.
  const now = Date.now();
  const w = (await duty.post("/api/warnings", {
    level: "blue", incidentTypeId: null, headline: "接口巡检预警", description: "x", instruction: "x", area: { description: "湖塘镇", polygons: [], circles: [], unitIds: [] },
    effectiveAt: new Date(now).toISOString(), expiresAt: new Date(now + 86_400_000).toISOString(), public: true,
    targets: { unitIds: [town], inArea: false, roles: [], channels: ["inapp"] },
  })).json();
  await duty.post(`/api/warnings/${w.id}/submit`, { version: w.version });
  expect((await leader.post(`/api/warnings/${w.id}/approve`, { version: w.version + 1 })).statusCode).toBe(200);
  rowIds.set("/api/warnings", w.id);
  rowIds.set("/public/warnings", w.id);
  await admin.post("/api/warning-feeds", { name: "巡检信息源", url: "http://127.0.0.1:9/cap.xml", enabled: false });
  await admin.post("/api/duty/shifts", { unitId: town, startsAt: new Date(now + 86_400_000).toISOString(), officerIds: [person] });
  const { rows: ty } = await t.db.execute<{ id: string }>(sql`select id from incident_types where parent_id is not null limit 1`);
  const at = new Date(now - 600_000).toISOString();
  await admin.post("/api/incidents", {
    title: "接口巡检事件", typeId: ty[0]!.id, unitId: town, lat: 31.7, lon: 119.9, address: "湖塘镇", occurredAt: at, learnedAt: at, level: "IV",
    figures: { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 }, body: "x", reporterName: "x",
  });
  const upload = await admin.request("POST", `/api/org/units/${town}/checklist/body/evidence`, Buffer.from("evidence"), { "content-type": "text/plain", "x-file-name": "a.txt" });
  expect(upload.statusCode, upload.body).toBeLessThan(300);
  rowIds.set("/api/files", upload.json().evidence[0].id);
  Object.assign(queryIds, { unitId: town, personId: person, typeId: ty[0]!.id, incidentTypeId: ty[0]!.id, warningId: w.id });
}, 120_000);
afterAll(() => t?.close());

const routes = () => t.app.routeList.filter((r) => r.method === "GET" && (r.url.startsWith("/api/") || r.url.startsWith("/public/")) && !r.url.startsWith("/api/docs"));
const openApiPath = (url: string) => url.replace(/:(\w+)/g, "{$1}");
const params = (url: string, where: "path" | "query"): Param[] => (doc.paths[openApiPath(url)]?.get?.parameters ?? []).filter((p) => p.in === where);

/** The alternatives of a schema (zod's nullable/optional become anyOf), flattened. */
const variants = (s: Schema | undefined): Schema[] => (!s ? [] : s.anyOf ?? s.oneOf ? (s.anyOf ?? s.oneOf)!.flatMap(variants) : [s]);

/** Values worth sending for a query parameter: every enum value, or one well-formed value of its type. */
function sampleValues(p: Param): string[] {
  const out: string[] = [];
  for (const s of variants(p.schema)) {
    const type = Array.isArray(s.type) ? s.type.find((x) => x !== "null") : s.type;
    if (s.enum) out.push(...s.enum.filter((v) => v !== null).map(String));
    else if (type === "boolean") out.push("true", "false");
    else if (type === "integer" || type === "number") {
      const named: Record<string, number> = { lat: 31.7, lon: 119.95, minLat: 31.4, maxLat: 31.9, minLon: 119.6, maxLon: 120.3, year: 2026, month: 7 };
      const lo = s.minimum ?? 1;
      out.push(String(named[p.name] ?? (s.maximum !== undefined && lo > s.maximum ? s.maximum : Math.max(lo, Math.min(s.maximum ?? 1, 1)))));
    } else if (type === "string") {
      if (s.format === "uuid" || /id$/i.test(p.name)) out.push(queryIds[p.name] ?? NO_ROW);
      else if (s.format === "date-time") out.push(new Date().toISOString());
      else if (s.format === "date") out.push("2026-07-01");
      else if (s.pattern) {
        const re = new RegExp(s.pattern);
        const hit = ["2026-07", "2026-07-01", "2026", "119.6,31.4,120.3,31.9", "31.7,119.95", "1", "a"].find((c) => re.test(c));
        out.push(hit ?? "a");
      } else out.push(p.name === "bbox" ? "119.6,31.4,120.3,31.9" : "湖塘");
    } else if (type === "array") out.push(...sampleValues({ ...p, schema: s.items }).slice(0, 1));
  }
  return [...new Set(out)];
}

/** The route's path with real ids, or why it cannot be filled. */
async function fillPath(url: string): Promise<string[] | string> {
  const names = [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  let urls = [url];
  for (const name of names) {
    const declared = params(url, "path").find((p) => p.name === name);
    const enumValues = variants(declared?.schema).flatMap((s) => s.enum ?? []).map(String);
    if (enumValues.length) {
      urls = urls.flatMap((u) => enumValues.map((v) => u.replace(`:${name}`, v)));
    } else if (name === "id") {
      const prefix = url.slice(0, url.indexOf("/:id"));
      const id = rowIds.get(prefix) ?? (await firstOf(prefix));
      if (!id) return `no row for ${url}: add how to find one (rowIds) or a list route GET ${prefix} that has rows`;
      rowIds.set(prefix, id);
      urls = urls.map((u) => u.replace(":id", id));
    } else {
      return `the test does not know how to fill :${name} of ${url}: add it to fillPath`;
    }
  }
  return urls;
}

/** Status (and body) of a GET; a stream (Server-Sent Events) is judged by its status and closed. */
async function getStatus(client: Client, url: string): Promise<{ status: number; body: string }> {
  const res = await t.app.inject({ method: "GET", url, remoteAddress: client.ip, headers: { cookie: client.cookie }, payloadAsStream: true });
  const stream = res.stream();
  if (String(res.headers["content-type"] ?? "").startsWith("text/event-stream")) {
    stream.destroy();
    return { status: res.statusCode, body: "" };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return { status: res.statusCode, body: Buffer.concat(chunks).toString("utf8") };
}

describe("every GET route", () => {
  it("answers without a 5xx to the district duty officer and administrator, with real ids and every documented query parameter", async () => {
    const list = routes();
    expect(list.length).toBeGreaterThan(60);
    const failures: string[] = [];
    for (const r of list) {
      const paths = await fillPath(r.url);
      if (typeof paths === "string") {
        failures.push(paths);
        continue;
      }
      const query = params(r.url, "query");
      const calls: string[] = [];
      for (const p of paths) {
        calls.push(p);
        const all = new URLSearchParams();
        for (const q of query) {
          const values = sampleValues(q);
          if (values.length === 0) failures.push(`GET ${r.url}: no sample value for query parameter ${q.name}`);
          for (const v of values) calls.push(`${p}?${new URLSearchParams({ [q.name]: v })}`);
          if (values[0] !== undefined) all.set(q.name, values[0]);
        }
        if (query.length > 1) calls.push(`${p}?${all}`);
      }
      // The duty officer makes every call; the administrator the bare one and the one with every parameter.
      for (const [client, urls] of [[duty, calls], [admin, [calls[0]!, calls[calls.length - 1]!]]] as const) {
        for (const url of new Set(urls)) {
          const res = await getStatus(client, url);
          if (res.status >= 500) failures.push(`${res.status} GET ${url} as ${client.me.username}: ${res.body.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
