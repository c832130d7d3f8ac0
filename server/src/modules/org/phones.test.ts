/**
 * Phone numbers (security notes, input finding 12): one contract primitive for every phone
 * field of every write route and Excel import, refusing numbers like 1380000; numbers stored
 * before the check are listed for an administrator (GET /api/org/people/bad-phones) and shown
 * as 号码有误, never masked into something plausible.
 */
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PHONE_PATTERN, Phone } from "@yingji/contracts";
import { buildTestApp, countRows, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";
import { fieldName, fieldsOf, jsonSchemaOf } from "../../../test/schema-walk.ts";

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginAs(t.app, "admin");
}, 120_000);
afterAll(() => t?.close());

/** The accepted forms (common.ts documents them) and numbers the probe saved, or that look alike. */
const GOOD = ["13812341234", "19912341234", "0519-86881234", "051986881234", "(0519)86881234", "0519-86881234-801", "010-62345678", "0510-8123456"];
const BAD = ["1380000", "1391111", "12812341234", "138123412345", "86881234", "110", "12345", "0519-06881234", "0519 86881234", "+8613812341234", "138-1234-1234", "0519-86881234-1234567"];

describe("phone numbers", () => {
  it("the Phone primitive accepts exactly the documented forms", () => {
    for (const good of GOOD) expect(Phone.safeParse(good).success, good).toBe(true);
    for (const bad of BAD) expect(Phone.safeParse(bad).success, bad).toBe(false);
  });

  it("every phone field of every JSON write route is the Phone primitive (found by walking the route schemas)", () => {
    let found = 0;
    for (const r of t.app.routeList.filter((x) => ["POST", "PUT", "PATCH"].includes(x.method))) {
      const schema = jsonSchemaOf(r.body);
      if (!schema) continue;
      for (const f of fieldsOf(schema)) {
        if (!/(phone|mobile)$/i.test(String(f.path.at(-1)))) continue;
        found++;
        expect(f.schema.pattern, `${r.method} ${r.url} ${fieldName(f.path)}`).toBe(PHONE_PATTERN.source);
      }
    }
    expect(found).toBeGreaterThan(10);
  });

  it("refuses a bad number in the person form's API with 400 naming the field, and writes nothing", async () => {
    const town = await unitId(t.db, "湖塘镇");
    const before = await countRows(t.db, "people");
    for (const field of ["mobile", "officePhone"]) {
      for (const bad of BAD) {
        const res = await admin.post("/api/org/people", { unitId: town, name: "张三", [field]: bad });
        expect(res.statusCode, `${field}=${bad}`).toBe(400);
        expect(res.json().error.message).toContain(field);
      }
    }
    expect(await countRows(t.db, "people")).toBe(before);
  });

  it("refuses a bad number in an Excel import as a fault of its row and column", async () => {
    const template = (await admin.get("/api/org/people/template.xlsx")).rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    ws.spliceRows(2, 1);
    ws.addRow(["张三", "湖塘镇", "", "", "", "13812341234", "0519-86881234", "", "否"]);
    ws.addRow(["李四", "湖塘镇", "", "", "", "1380000", "", "", "否"]);
    ws.addRow(["王五", "湖塘镇", "", "", "", "", "86881234", "", "否"]);
    const before = await countRows(t.db, "people");
    const res = await admin.request("POST", "/api/org/people/import", Buffer.from(await wb.xlsx.writeBuffer()), { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.errors).toEqual([
      expect.objectContaining({ row: 3, column: "手机" }),
      expect.objectContaining({ row: 4, column: "办公电话" }),
    ]);
    expect(await countRows(t.db, "people")).toBe(before);
  });

  it("lists numbers stored before the check for the administrator, in scope, and shows them as 号码有误", async () => {
    const [own, sibling] = [await unitId(t.db, "湖塘镇"), await unitId(t.db, "牛塘镇")];
    const pick = async (unit: string) => (await t.db.execute<{ id: string }>(sql`select id from people where unit_id = ${unit} and active order by name limit 1`)).rows[0].id;
    const [mine, theirs] = [await pick(own), await pick(sibling)];
    // As the probe found them: saved before the contract refused them.
    await t.db.execute(sql`update people set mobile = '1380000', office_phone = '0519-86881234' where id = ${mine}`);
    await t.db.execute(sql`update people set mobile = '1391111' where id = ${theirs}`);

    const all = (await admin.get("/api/org/people/bad-phones")).json();
    expect(all.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ personId: mine, field: "mobile", value: "1380000" }),
      expect.objectContaining({ personId: theirs, field: "mobile", value: "1391111" }),
    ]));
    expect(all.items.some((i: { personId: string; field: string }) => i.personId === mine && i.field === "officePhone")).toBe(false);

    const town = await loginAs(t.app, "town");
    const scoped = (await town.get("/api/org/people/bad-phones")).json();
    expect(scoped.items.map((i: { personId: string }) => i.personId)).toContain(mine);
    expect(scoped.items.map((i: { personId: string }) => i.personId)).not.toContain(theirs);
    expect((await (await loginAs(t.app, "expert")).get("/api/org/people/bad-phones")).statusCode).toBe(403);

    const person = (await town.get(`/api/org/people/${mine}`)).json();
    expect(person.mobile).toBe("号码有误");
    expect(person.officePhone).toBe("0519-****1234");
  });
});
