/**
 * Masking holds on every answer: every GET route of the app, called as each role without
 * people.unmask on real objects that carry mainland mobile numbers (people, every registry
 * with its history after an edit, an incident's reporter, duty rosters, the audit log), answers
 * no unmasked mobile — in JSON, GeoJSON, CAP, Excel and Word (unzipped) and the SSE replay.
 * And the one masking rule and its SQL twin agree on every shape of number.
 */
import JSZip from "jszip";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, REGISTRIES, ROLES, type Role } from "@yingji/contracts";
import { buildTestApp, loginAs, unitId, type Client, type TestApp } from "../../test/helpers.ts";
import { maskMobilesIn, maskPhone, maskPhoneSql, MOBILE_IN_TEXT } from "./masking.ts";

let t: TestApp;
let base: string;
const ids: Record<string, string> = {};
const clients = new Map<Role, Client>();
/** The roles that may not see full numbers. */
const MASKED_ROLES = ROLES.filter((r) => !can(r, "people.unmask"));
let serial = 0;
/** A fresh mainland mobile number the test can recognise. */
const mobile = () => `139${String(88_000_000 + ++serial).padStart(8, "0")}`;

beforeAll(async () => {
  t = await buildTestApp({ LOG_LEVEL: "error" });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  for (const role of MASKED_ROLES) clients.set(role, await loginAs(t.app, role));
  const admin = await loginAs(t.app, "admin");
  const district = await unitId(t.db, "武进区");
  const enterpriseUnit = clients.get("enterprise")!.me.unitId;

  // A person with a mobile, at the district and at the enterprise.
  for (const [key, unit] of [["person", district], ["enterprisePerson", enterpriseUnit]] as const) {
    const p = await admin.post("/api/org/people", { unitId: unit, name: `号码${key}`, mobile: mobile(), officePhone: mobile() });
    expect(p.statusCode, key).toBe(201);
    ids[key] = p.json().id;
  }
  // An incident with the reporter's mobile, and a follow-up with another (at the district and at the enterprise).
  const { rows: ty } = await t.db.execute<{ id: string }>(sql`select id from incident_types where parent_id is not null limit 1`);
  const at = new Date(Date.now() - 600_000).toISOString();
  const figures = { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 };
  for (const [key, unit] of [["incident", district], ["enterpriseIncident", enterpriseUnit]] as const) {
    const inc = await admin.post("/api/incidents", {
      title: `号码事件${key}`, typeId: ty[0].id, unitId: unit, lat: 31.7, lon: 119.95, address: "某地", occurredAt: at, learnedAt: at, level: "IV",
      figures, body: "情况", reporterName: "报告人", reporterPhone: mobile(),
    });
    expect(inc.statusCode, key).toBe(201);
    ids[key] = inc.json().id;
    ids[`${key}Report`] = inc.json().reports[0].id;
    expect((await admin.post(`/api/incidents/${ids[key]}/reports`, { kind: "followup", figures, body: "续报", reporterName: "报告人", reporterPhone: mobile() })).statusCode).toBe(201);
  }
  // One row of every registry at the district (every unit sees it), with every masked number a mobile, then edited: history before and after.
  const minimal: Record<string, Record<string, unknown>> = {
    teams: { kind: "fire", readiness: "ready" },
    experts: { level: "district", availability: "available" },
    volunteers: { kind: "group", availability: "available" },
    warehouses: { kind: "government" },
    "material-items": { category: "other", measureUnit: "件" },
    requisitions: { fromKind: "person", fromParty: "某人", requisitionedAt: "2026-07-01T08:00:00+08:00", outcome: "in_use" },
    shelters: { kind: "park", shelterClass: "III", usableArea: 300 },
  };
  const numbers = (key: string) => {
    const out: Record<string, unknown> = {};
    for (const [k, f] of Object.entries(REGISTRIES[key as keyof typeof REGISTRIES].fields)) {
      const field = f as { masked?: boolean; kind?: string; fields?: Record<string, { masked?: boolean; required?: boolean }> };
      if (field.masked) out[k] = mobile();
      if (field.kind === "rows" && field.fields && Object.values(field.fields).some((s) => s.masked)) {
        out[k] = [Object.fromEntries(Object.entries(field.fields).flatMap(([sk, s]) => (s.masked ? [[sk, mobile()]] : s.required ? [[sk, "某"]] : [])))];
      }
    }
    return out;
  };
  for (const key of Object.keys(REGISTRIES)) {
    const located = REGISTRIES[key as keyof typeof REGISTRIES].located ? { lat: 31.71, lon: 119.96 } : {};
    const made = await admin.post(`/api/${key}`, { unitId: district, name: `号码${key}`, ...located, ...minimal[key], ...numbers(key) });
    expect(made.statusCode, key).toBe(201);
    ids[key] = made.json().id;
    expect((await admin.patch(`/api/${key}/${ids[key]}`, { version: made.json().version, ...numbers(key) })).statusCode, key).toBe(200);
  }
  // A roster of the district (the demo's officers have mobiles).
  ids.shift = (await t.db.execute<{ id: string }>(sql`select id from duty_shifts where org_unit_id = ${district} order by starts_at desc limit 1`)).rows[0].id;
  // Whatever else the routes need: a unit, a warning, a feed, a file, an account.
  ids.unit = district;
  ids.user = clients.get("expert")!.me.id;
  ids.warning = (await t.db.execute<{ id: string }>(sql`select id from warnings order by created_at limit 1`)).rows[0]?.id ?? "";
  ids.feed = (await admin.post("/api/warning-feeds", { name: "号码信息源", url: "http://127.0.0.1:9/cap.xml", enabled: false })).json().id;
  const upload = await admin.request("POST", `/api/org/units/${district}/checklist/body/evidence`, Buffer.from("证明材料"), { "content-type": "text/plain", "x-file-name": "a.txt" });
  ids.file = upload.json().evidence?.[0]?.id ?? "";
}, 300_000);
afterAll(() => t?.close());

/** The row id a route with `:id` takes, by the route's path before `/:id`. */
function idFor(prefix: string): string | undefined {
  const key = prefix.replace(/^\/api\//, "");
  const byPrefix: Record<string, string> = {
    "org/units": ids.unit, "org/people": ids.person, incidents: ids.incident, "duty/shifts": ids.shift, users: ids.user,
    warnings: ids.warning, "warning-feeds": ids.feed, files: ids.file,
  };
  return byPrefix[key] ?? ids[key];
}

/** Query strings the routes need to answer at all. */
const QUERIES = (): Record<string, string> => ({
  "/api/incidents/daily-summary.docx": `date=${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)}`,
  "/api/duty/shifts/export.xlsx": `unitId=${ids.unit}&month=${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7)}`,
  "/api/map/nearest": "lat=31.71&lon=119.96&kinds=teams,experts,volunteers,warehouses,shelters",
  "/api/incidents/stats": `year=${new Date().getFullYear()}`,
});

/** Every concrete URL of a GET route (a route with `:kind` once per layer kind), or null when its parameters are unknown (the test fails). */
function urlsOf(url: string): string[] | null {
  let urls = [url];
  if (url.includes(":kind")) urls = ["teams", "experts", "volunteers", "warehouses", "shelters"].map((k) => url.replace(":kind", k));
  const out: string[] = [];
  for (let u of urls) {
    if (u.includes(":id")) {
      const id = idFor(u.split("/:id")[0]);
      if (!id) return null;
      u = u.replace(":id", id);
    }
    u = u.replace(":item", "body").replace(":reportId", ids.incidentReport);
    if (u.includes(":")) return null;
    const q = QUERIES()[url];
    out.push(q ? `${u}?${q}` : u);
  }
  return out;
}

/** The text of an answer: the body, or every XML part of an Office file (a zip). */
async function textOf(body: Buffer): Promise<string> {
  if (body[0] === 0x50 && body[1] === 0x4b) {
    const zip = await JSZip.loadAsync(body);
    const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir && /\.(xml|rels)$/.test(f.name)).map((f) => f.async("string")));
    return parts.join("\n");
  }
  return body.toString("utf8");
}

/** What the SSE stream replays from the first event, read for a short while. */
async function sseReplay(cookie: string): Promise<{ status: number; text: string }> {
  const ctrl = new AbortController();
  const res = await fetch(`${base}/api/events?lastEventId=0`, { headers: { cookie }, signal: ctrl.signal });
  if (res.status !== 200) return { status: res.status, text: await res.text() };
  const reader = res.body!.getReader();
  let text = "";
  const until = Date.now() + 1500;
  const timer = setTimeout(() => ctrl.abort(), 1500);
  while (Date.now() < until) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  clearTimeout(timer);
  ctrl.abort();
  return { status: 200, text };
}

/** The registries' example values (a template's example row): documentation, not anybody's number. */
const EXAMPLES = new Set(Object.values(REGISTRIES).flatMap((d) => Object.values(d.fields).map((f) => (f as { example?: string }).example).filter((x): x is string => !!x)));
const unmaskedIn = (text: string, url = "") =>
  [...text.matchAll(MOBILE_IN_TEXT)].map((m) => m[0]).filter((m) => !(url.includes("/template.xlsx") && EXAMPLES.has(m)));

describe("no unmasked mobile number on any GET route", () => {
  it("has mobiles in the objects the routes return (so the test can fail)", async () => {
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from incident_reports where reporter_phone like '139%'`);
    expect(Number(rows[0].n)).toBeGreaterThanOrEqual(4);
    const history = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where entity = 'team' and after::text ~ '1398800'`);
    expect(Number(history.rows[0].n)).toBeGreaterThanOrEqual(2);
  });

  it("answers every GET route to every role without people.unmask with masked numbers only", async () => {
    const routes = t.app.routeList.filter((r) => r.method === "GET" && r.url.startsWith("/api/") && !r.url.startsWith("/api/docs") && r.url !== "/api/openapi.json");
    expect(routes.length).toBeGreaterThan(60);
    const leaks: string[] = [];
    const unfilled: string[] = [];
    const reached = new Map<string, number>();
    const bad: string[] = [];
    for (const r of routes) {
      if (r.url === "/api/events") continue; // below, over HTTP
      const urls = urlsOf(r.url);
      if (!urls) {
        unfilled.push(r.url);
        continue;
      }
      for (const role of MASKED_ROLES) {
        for (const url of urls) {
          const res = await clients.get(role)!.get(url);
          if (![200, 403, 404].includes(res.statusCode)) bad.push(`${role} GET ${url}: ${res.statusCode} ${res.body.slice(0, 160)}`);
          if (res.statusCode === 200) reached.set(r.url, (reached.get(r.url) ?? 0) + 1);
          for (const m of unmaskedIn(await textOf(res.rawPayload), url)) leaks.push(`${role} GET ${url}: ${m}`);
        }
      }
    }
    // unfilled: routes whose path parameters this test cannot fill; bad: answers neither 200 nor a refusal.
    expect({ unfilled, bad, leaks }).toEqual({ unfilled: [], bad: [], leaks: [] });
    // Every route that some masked role may call was really answered (not refused for a bad request).
    const callable = routes.filter((r) => r.url !== "/api/events" && (!r.permission || MASKED_ROLES.some((role) => can(role, r.permission!))));
    expect(callable.filter((r) => !reached.has(r.url)).map((r) => r.url)).toEqual([]);
  }, 600_000);

  it("replays no unmasked mobile over the live events", async () => {
    for (const role of MASKED_ROLES) {
      const { status, text } = await sseReplay(clients.get(role)!.cookie);
      expect([200, 403]).toContain(status);
      expect(unmaskedIn(text), role).toEqual([]);
    }
  }, 60_000);
});

describe("one masking rule", () => {
  const SHAPES = ["13812341234", "(0519)86881234-801", "05198688123", "1380000", "0519-86881234", "051986881234", "0519-86881234-123", "12345", "1234567", "＋86 138 1234 1234", "138-1234-1234", "abc", "😀0519-86881234", "1-2", ""];

  it("masks mobiles, keeps area codes, hides short numbers", () => {
    expect(maskPhone("13812341234")).toBe("138****1234");
    expect(maskPhone("0519-86881234")).toBe("0519-****1234");
    expect(maskPhone("110")).toBe("号码有误");
    expect(maskPhone(null)).toBeNull();
    expect(maskMobilesIn("联系 13812341234，或 0519-86881234")).toBe("联系 138****1234，或 0519-86881234");
    // Not a uuid's last group, a fraction or a longer number.
    const notPhones = "9edd8d4d-9b0d-4abc-891b-a18743918158 31.19267184083 913812341234";
    expect(maskMobilesIn(notPhones)).toBe(notPhones);
  });

  it("gives the same answer in SQL as in TypeScript for every shape of number", async () => {
    for (const phone of SHAPES) {
      const { rows } = await t.db.execute<{ m: string }>(sql`select ${maskPhoneSql(sql`${phone}::text`)} as m`);
      expect(rows[0].m, phone).toBe(maskPhone(phone));
    }
  });
});
