/**
 * Formula injection in exports (finding 11 of the hardening review). Rows whose text starts
 * with each character that makes a spreadsheet read a formula are seeded (through the API with
 * markers, then the markers turned into the characters in every text column, since the API
 * trims tabs and line ends); every GET route answering a workbook or CSV is exported, and every
 * cell read back: no string cell may start a formula, each seeded value appears with the ' in
 * front, numbers stay numbers, and re-importing an export gives back the original text.
 */
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTRIES, type FieldDecl } from "@yingji/contracts";
import { buildTestApp, loginAs, unitId, type Client, type TestApp } from "../../test/helpers.ts";
import { fromCell, toCell } from "./excel.ts";

const DANGER = ["=", "+", "-", "@", "\t", "\r"];
/** What may not start a cell read back; an XML reader turns a carriage return into a line feed, so that is refused too. */
const FORMULA = /^[=+\-@\t\r\n＝＋－＠]/;
const readBack = (s: string) => s.replace(/\r\n?/g, "\n");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const MONTH = "2027-03";

let t: TestApp;
let admin: Client;
const ids: Record<string, string> = {};

/** Query strings an export route needs; a new export that needs one fails below until it is added here. */
const QUERY: Record<string, () => string> = {
  "/api/duty/shifts/export.xlsx": () => `?unitId=${ids.town}&month=${MONTH}`,
};

const marker = (i: number, what: string) => `INJ${i}${what}`;

function sample(f: FieldDecl): unknown {
  switch (f.kind) {
    case "enum": return Object.keys(f.options!)[0];
    case "integer": case "number": return 1;
    case "boolean": return true;
    case "date": return "2026-07-01";
    case "datetime": return "2026-07-01T08:00:00+08:00";
    default: return undefined;
  }
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginAs(t.app, "admin");
  ids.town = await unitId(t.db, "湖塘镇");
  for (let i = 0; i < DANGER.length; i++) {
    for (const decl of Object.values(REGISTRIES)) {
      const body: Record<string, unknown> = { unitId: ids.town, name: marker(i, "名称") };
      if (decl.located) Object.assign(body, { lat: 31.72, lon: 119.97, address: marker(i, "地址") });
      for (const [k, f] of Object.entries(decl.fields as Record<string, FieldDecl>)) {
        if (f.kind === "text" || f.kind === "textarea") body[k] = marker(i, "文");
        else if (f.required) body[k] = sample(f);
      }
      const res = await admin.post(`/api/${decl.key}`, body);
      expect(res.statusCode, `${decl.key}: ${res.body}`).toBe(201);
    }
    const person = await admin.post("/api/org/people", { unitId: ids.town, name: marker(i, "人"), title: marker(i, "职务"), duty: marker(i, "职责") });
    expect(person.statusCode, person.body).toBe(201);
    const unit = await admin.post("/api/org/units", { parentId: ids.town, kind: "village", name: marker(i, "村"), address: marker(i, "址") });
    expect(unit.statusCode, unit.body).toBe(201);
    const shift = await admin.post("/api/duty/shifts", { unitId: ids.town, startsAt: `${MONTH}-0${i + 2}T08:00:00+08:00`, officerIds: [person.json().id] });
    expect(shift.statusCode, shift.body).toBe(201);
    const check = await admin.post("/api/duty/spot-checks", {
      unitId: ids.town, method: "phone", at: new Date(Date.now() - 3600_000 * (i + 1)).toISOString(), answered: true, answerSeconds: 45,
      officerPresent: true, leaderPresent: true, logComplete: true, note: marker(i, "备注"),
    });
    expect(check.statusCode, check.body).toBe(201);
  }
  // Markers → the dangerous characters, in every text column of every table.
  const { rows: cols } = await t.db.execute<{ table_name: string; column_name: string }>(sql`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying')`);
  for (const c of cols) {
    const col = sql.identifier(c.column_name);
    const char = sql.join(DANGER.map((d, i) => sql`when ${String(i)} then ${d}::text`), sql` `);
    // A table that refuses updates (the audit log) keeps its markers; the checks below show what got seeded.
    await t.db.execute(sql`update ${sql.identifier(c.table_name)} set ${col} = (case substr(${col}, 4, 1) ${char} end) || substr(${col}, 5)
      where ${col} similar to 'INJ[0-9]%'`).catch(() => {});
  }
}, 300_000);
afterAll(() => t?.close());

const exportRoutes = () => t.app.routeList.filter((r) => r.method === "GET" && r.url.startsWith("/api/") && /(\.xlsx|\.csv)$/.test(r.url));

/** Every cell of every sheet of a workbook, with its value as exceljs reads it. */
async function cellsOf(data: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const cells: { ref: string; value: ExcelJS.CellValue }[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => cells.push({ ref: `${ws.name}!${cell.address}`, value: cell.value })));
  return cells;
}

const textOf = (v: ExcelJS.CellValue): string | null =>
  typeof v === "string" ? v : v && typeof v === "object" && "richText" in v ? v.richText.map((r) => r.text).join("") : null;

describe("exports", () => {
  it("prefix every string cell that would start a formula, in every workbook or CSV export", async () => {
    const routes = exportRoutes();
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) {
      const res = await admin.get(r.url + (QUERY[r.url]?.() ?? ""));
      expect(res.statusCode, `${r.url}: ${res.body.slice(0, 200)}`).toBe(200);
      const type = String(res.headers["content-type"]);
      const texts: string[] = [];
      if (type.startsWith("text/csv")) {
        // One value per field; quoted fields may start with a quote.
        for (const line of res.body.split(/\n/)) for (const f of line.split(",")) texts.push(f.replace(/^"/, ""));
      } else {
        expect(type, r.url).toBe(XLSX);
        for (const c of await cellsOf(res.rawPayload)) {
          const s = textOf(c.value);
          if (s !== null) texts.push(readBack(s));
        }
      }
      const bad = texts.filter((s) => FORMULA.test(s));
      expect(bad, `${r.url} has cells that start a formula`).toEqual([]);
      if (!r.url.endsWith("/template.xlsx")) {
        for (const d of DANGER) expect(texts.some((s) => s.startsWith(`'${readBack(d)}`)), `${r.url} shows a seeded row starting with ${JSON.stringify(d)}, prefixed: ${JSON.stringify(texts.filter((x) => /^'|INJ/.test(x)).slice(0, 30))}`).toBe(true);
      }
    }
  });

  it("keeps numbers as numbers, negative ones too", async () => {
    const res = await admin.post("/api/shelters", { unitId: ids.town, name: "负数测试", lat: 31.7, lon: 119.9, kind: sample(REGISTRIES.shelters.fields.kind), shelterClass: sample(REGISTRIES.shelters.fields.shelterClass), usableArea: 5 });
    expect(res.statusCode, res.body).toBe(201);
    await t.db.execute(sql`update shelters set lon = -119.9 where name = '负数测试'`);
    const cells = await cellsOf((await admin.get("/api/shelters/export.xlsx?q=负数测试")).rawPayload);
    expect(cells.some((c) => c.value === -119.9)).toBe(true);
    expect(cells.some((c) => c.value === 5)).toBe(true);
  });

  it("reads its own prefix back on import: an exported row re-imports with the original text", async () => {
    const exported = await admin.get("/api/teams/export.xlsx?q=名称");
    const again = await admin.request("POST", "/api/teams/import", exported.rawPayload, { "content-type": XLSX });
    expect(again.statusCode, again.body).toBe(200);
    const names = (await admin.get("/api/teams?q=名称&pageSize=200")).json().items.map((x: { name: string }) => x.name);
    // Imports trim a cell, as the API trims a name: the tab and line-end rows come back without them.
    for (const d of ["=", "+", "-", "@"]) expect(names.filter((n: string) => n === `${d}名称`), d).toHaveLength(2);
    expect(names.filter((n: string) => n.startsWith("'"))).toEqual([]);
  });
});

describe("toCell and fromCell", () => {
  it("prefix strings only, and undo exactly their own prefix", () => {
    for (const d of [...DANGER, "\n", "＝", "＋", "－", "＠"]) {
      expect(toCell(`${d}SUM(A1)`)).toBe(`'${d}SUM(A1)`);
      expect(fromCell(`'${d}SUM(A1)`)).toBe(`${d}SUM(A1)`);
    }
    expect(toCell(-3)).toBe(-3);
    expect(toCell("普通文字")).toBe("普通文字");
    expect(toCell("'已引用")).toBe("'已引用");
    expect(fromCell("'已引用")).toBe("'已引用");
    expect(fromCell("'")).toBe("'");
    const d = new Date();
    expect(toCell(d)).toBe(d);
  });
});
