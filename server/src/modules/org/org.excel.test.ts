import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, countRows, loginAs, type Client, type TestApp } from "../../../test/helpers.ts";

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginAs(t.app, "admin");
});
afterAll(() => t?.close());

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function workbookFrom(template: Buffer, rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  ws.spliceRows(2, 1);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("Excel import and export", () => {
  it("imports units all-or-nothing, naming the row and column of every fault", async () => {
    const template = (await admin.get("/api/org/units/template.xlsx")).rawPayload;
    const bad = await workbookFrom(template, [
      ["新桥村", "村", "湖塘镇", "", "0519-86000001", "", "31.7", "119.9", "1200"],
      ["新桥村一组", "村", "新桥村", "", "", "", "", "", ""],
      ["坏村", "城堡", "湖塘镇", "", "", "", "95", "", "-3"],
    ]);
    const before = await countRows(t.db, "org_units");
    const res = await admin.request("POST", "/api/org/units/import", bad, { "content-type": XLSX });
    expect(res.statusCode).toBe(422);
    const report = res.json().error.details;
    expect(report.written).toBe(0);
    expect(report.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 4, column: "单位类型" }),
      expect.objectContaining({ row: 4, column: "纬度" }),
      expect.objectContaining({ row: 4, column: "人口" }),
    ]));
    expect(report.errors.every((e: { row: number }) => e.row === 4)).toBe(true);
    expect(await countRows(t.db, "org_units")).toBe(before);

    const good = await workbookFrom(template, [
      ["新桥村", "村", "湖塘镇", "", "0519-86000001", "", "31.7", "119.9", "1200"],
      ["新桥村企业", "企业", "新桥村", "", "", "", "", "", ""],
    ]);
    const ok = await admin.request("POST", "/api/org/units/import", good, { "content-type": XLSX });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true, written: 2, errors: [] });
    const child = (await admin.get("/api/org/units?q=新桥村企业")).json()[0];
    const parent = (await admin.get(`/api/org/units/${child.parentId}`)).json();
    expect(parent.name).toBe("新桥村");
  });

  it("imports people and exports them with phones shown only to who may unmask", async () => {
    const template = (await admin.get("/api/org/people/template.xlsx")).rawPayload;
    const file = await workbookFrom(template, [
      ["周导入", "马杭村", "村委委员", "信息联络员、值班员", "信息报送", "13511112222", "", "", "是"],
      ["吴导入", "湖塘镇", "干事", "", "", "13511113333", "", "wu@example.cn", "否"],
    ]);
    const res = await admin.request("POST", "/api/org/people/import", file, { "content-type": XLSX });
    expect(res.json()).toMatchObject({ ok: true, written: 2 });
    const p = (await admin.get("/api/org/people?q=周导入")).json().items[0];
    expect(p.emergencyRoles.sort()).toEqual(["duty", "liaison"]);
    expect(p.isLiaison).toBe(true);

    const read = async (c: Client) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await c.get("/api/org/people/export.xlsx?q=周导入")).rawPayload as unknown as ArrayBuffer);
      return wb.worksheets[0].getRow(2).values as string[];
    };
    expect(await read(admin)).toContain("13511112222");
    const enterprise = await loginAs(t.app, "enterprise");
    const masked = await enterprise.get("/api/org/people/export.xlsx");
    expect(masked.statusCode).toBe(200);
    expect(masked.rawPayload.includes(Buffer.from("13511112222"))).toBe(false);
  });

  it("explains a file that is not Excel, a wrong header row and an empty sheet", async () => {
    const notExcel = await admin.request("POST", "/api/org/people/import", Buffer.from("name,unit\n张三,湖塘镇"), { "content-type": "text/csv" });
    expect(notExcel.statusCode).toBe(400);
    expect(notExcel.json().error.code).toBe("bad_file");
    const wrongHeader = await admin.request("POST", "/api/org/people/import", (await admin.get("/api/org/units/template.xlsx")).rawPayload, { "content-type": XLSX });
    expect(wrongHeader.statusCode).toBe(400);
    expect(wrongHeader.json().error.code).toBe("bad_header");
    const empty = await admin.request("POST", "/api/org/people/import", (await admin.get("/api/org/people/template.xlsx")).rawPayload, { "content-type": XLSX });
    expect(empty.statusCode).toBe(422);
    const tooBig = await admin.request("POST", "/api/org/people/import", Buffer.alloc(11 * 1024 * 1024, 1), { "content-type": XLSX });
    expect(tooBig.statusCode).toBe(413);
  });
});
