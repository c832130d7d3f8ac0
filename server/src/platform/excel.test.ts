/**
 * The streaming import reader against what exceljs read before (the reference below is the
 * former readImport): the same text for shared and inline strings, rich text, numbers,
 * dates, booleans, formulas, errors and hyperlinks; and files from other writers (namespace
 * prefixes, entities, phonetic guides, 1904 dates, cells without references).
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { makeZip, workbookEntries } from "../../test/xlsx-fixtures.ts";
import { readImport, templateWorkbook, type SheetSpec } from "./excel.ts";
import { isDateFormat } from "./xlsx-read.ts";

const SPEC: SheetSpec = {
  sheetName: "测试",
  columns: [
    { key: "a", header: "名称", example: "示例" },
    { key: "b", header: "数值", example: "1" },
    { key: "c", header: "日期" },
    { key: "d", header: "其他" },
  ],
};

/** The reading of imports before the streaming reader: exceljs loads the workbook whole. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("text" in v) return String(v.text);
    if ("result" in v) return cellText(v.result as ExcelJS.CellValue);
    return "";
  }
  return String(v);
}
async function reference(data: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: { rowNumber: number; raw: Record<string, string> }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values = SPEC.columns.map((_, i) => cellText(row.getCell(i + 1).value).trim());
    if (values.every((v) => v === "") || values.every((v, i) => v === (SPEC.columns[i].example ?? ""))) return;
    rows.push({ rowNumber, raw: Object.fromEntries(SPEC.columns.map((c, i) => [c.key, values[i]])) });
  });
  return rows;
}

const ROWS: ExcelJS.CellValue[][] = [
  ["示例", "1", null, null],
  ["张三", 42, new Date("2026-07-01T08:30:00Z"), true],
  [" 李四 ", -3.25, new Date("1999-12-31T00:00:00Z"), false],
  [{ richText: [{ text: "富" }, { text: "文本", font: { bold: true } }] }, { formula: "B3*2", result: -6.5 }, { formula: "TODAY()", result: new Date("2026-01-02T00:00:00Z") }, { formula: "\"甲\"&\"乙\"", result: "甲乙" }],
  [{ text: "链接", hyperlink: "https://example.cn" }, 1e21, "2026-01-31", { error: "#N/A" }],
  [null, null, null, null],
  ["<&>\"'", 0.1 + 0.2, "多行\n文字", "   "],
];

async function workbook(useSharedStrings: boolean) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("测试");
  ws.addRow(SPEC.columns.map((c) => c.header));
  for (const r of ROWS) ws.addRow(r);
  ws.getCell("F2").value = "表外的列";
  ws.getColumn(3).numFmt = "yyyy-mm-dd hh:mm";
  return Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings } as ExcelJS.XlsxWriteOptions));
}

describe("the streaming reader", () => {
  it("reads what exceljs read, with shared strings", async () => {
    const file = await workbook(true);
    expect(await readImport(SPEC, file)).toEqual(await reference(file));
  });

  it("reads what exceljs read, with inline strings", async () => {
    const file = await workbook(false);
    const rows = await readImport(SPEC, file);
    expect(rows).toEqual(await reference(file));
    expect(rows[0].raw).toEqual({ a: "张三", b: "42", c: "2026-07-01T08:30:00.000Z", d: "true" });
    expect(rows.map((r) => r.rowNumber)).toEqual([3, 4, 5, 6, 8]);
  });

  it("skips the template's example row and reads an exported template as empty", async () => {
    expect(await readImport(SPEC, await templateWorkbook(SPEC))).toEqual([]);
  });

  it("reads other writers' files: prefixes, entities, phonetic guides, 1904 dates, cells without references", async () => {
    const ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const file = await makeZip(workbookEntries(
      `<?xml version="1.0"?><x:worksheet xmlns:x="${ns}"><x:sheetData>` +
      `<x:row r="1"><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>日期</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>其他</x:t></x:is></x:c></x:row>` +
      `<x:row><x:c t="s"><x:v>2</x:v></x:c><x:c><x:v>7</x:v></x:c><x:c s="1"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t>&#x4E2D;&amp;&#25991;</x:t></x:is></x:c></x:row>` +
      `<!-- a comment --><x:row r="4"><x:c r="D4" t="inlineStr"><x:is><x:t><![CDATA[<不是标签>]]></x:t></x:is></x:c></x:row>` +
      `</x:sheetData></x:worksheet>`,
      { sharedStrings: `<sst xmlns="${ns}"><si><t>名称</t></si><si><r><t>数</t></r><r><t>值</t></r></si><si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si></sst>` },
    ).map((e) => e.name === "xl/workbook.xml"
      ? { ...e, data: String(e.data).replace("<sheets>", '<workbookPr date1904="1"/><sheets>') }
      : e.name === "xl/_rels/workbook.xml.rels"
        ? { ...e, data: String(e.data).replace("</Relationships>", '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/></Relationships>') }
        : e).concat([{ name: "xl/styles.xml", data: `<styleSheet xmlns="${ns}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>` }]));
    expect(await readImport(SPEC, file)).toEqual([
      { rowNumber: 2, raw: { a: "漢字", b: "7", c: "1904-01-01T00:00:00.000Z", d: "中&文" } },
      { rowNumber: 4, raw: { a: "", b: "", c: "", d: "<不是标签>" } },
    ]);
  });

  it("knows date formats as exceljs did", () => {
    for (const f of ["yyyy-mm-dd", "m/d/yy h:mm", "[$-804]yyyy\"年\"m\"月\"", "hh:mm:ss"]) expect(isDateFormat(f), f).toBe(true);
    for (const f of ["0.00", "#,##0", "General", "[Red]0.0", "\"天\"0"]) expect(isDateFormat(f), f).toBe(false);
  });

  it("answers 400 for a wrong header and takes the export's formula prefix off", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("x");
    ws.addRow(["名称", "数值", "日期", "其他"]);
    ws.addRow(["'=1+1", "'-5", "'@SUM(A1)", "'普通"]);
    const rows = await readImport(SPEC, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(rows[0].raw).toEqual({ a: "=1+1", b: "-5", c: "@SUM(A1)", d: "'普通" });
    ws.getCell("A1").value = "姓名";
    await expect(readImport(SPEC, Buffer.from(await wb.xlsx.writeBuffer()))).rejects.toMatchObject({ status: 400, code: "bad_header" });
  });
});
