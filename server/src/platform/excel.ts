/**
 * Excel templates, exports and all-or-nothing imports, declared per registry as a list
 * of columns. A module says what its columns are and how one row becomes an input;
 * this file does the workbook, the header check and the per-row error report.
 */
import type ExcelJS from "exceljs";

/** exceljs takes half a second to load: loaded on the first Excel request, not at start. */
let excelModule: Promise<typeof ExcelJS> | undefined;
const excel = () => (excelModule ??= import("exceljs").then((m) => m.default));
import type { ImportResult } from "@yingji/contracts";
import { LIMITS } from "@yingji/contracts";
import type { FastifyReply } from "fastify";
import { AppError } from "./errors.ts";
import { sendDownload } from "./files.ts";
import { readSheet } from "./xlsx-read.ts";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface SheetColumn {
  key: string;
  /** Header text in the first row (Chinese, as offices expect). */
  header: string;
  width?: number;
  required?: boolean;
  /** Shown in the template's example row and as the column's note. */
  example?: string;
  note?: string;
}

export interface SheetSpec {
  sheetName: string;
  columns: SheetColumn[];
}

export type RawRow = Record<string, string>;

/** One row's faults, by column key; an empty list means the row is good. */
export interface RowFault {
  column: string;
  reason: string;
}

function styleHeader(ws: ExcelJS.Worksheet, spec: SheetSpec) {
  ws.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(12, c.header.length * 2 + 4) }));
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E8C" } };
  header.alignment = { vertical: "middle", horizontal: "center" };
  spec.columns.forEach((c, i) => {
    const note = [c.required ? "必填" : "选填", c.note].filter(Boolean).join("；");
    header.getCell(i + 1).note = note;
  });
  ws.views = [{ state: "frozen", ySplit: 1 }];
}

/**
 * Leading characters that make a spreadsheet (or a CSV opened in one) take a cell for a formula:
 * OWASP's list, a line feed (what a carriage return reads back as from XML), and the full-width
 * forms a Chinese input method types.
 */
const FORMULA_START = /^[=+\-@\t\r\n＝＋－＠]/;

/** A string cell as exported: prefixed with ' when it would start a formula. Numbers, dates and other values stay as they are. */
export const toCell = (v: unknown): unknown => (typeof v === "string" && FORMULA_START.test(v) ? `'${v}` : v);

/** An imported cell's text: the ' our export put before a formula character is taken off again. */
export const fromCell = (s: string): string => (s.length > 1 && s[0] === "'" && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s);

const safeRow = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, toCell(v)]));

export async function templateWorkbook(spec: SheetSpec): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  const ws = wb.addWorksheet(spec.sheetName);
  styleHeader(ws, spec);
  ws.addRow(safeRow(Object.fromEntries(spec.columns.map((c) => [c.key, c.example ?? ""]))));
  ws.getRow(2).font = { italic: true, color: { argb: "FF888888" } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportWorkbook(spec: SheetSpec, rows: Record<string, unknown>[]): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  const ws = wb.addWorksheet(spec.sheetName);
  styleHeader(ws, spec);
  for (const r of rows) ws.addRow(safeRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads an uploaded workbook: checks it is an .xlsx, that the header row is the template's,
 * and returns the data rows as text keyed by column (with their Excel row numbers).
 * The template's example row is skipped when it is left in unchanged.
 *
 * The file is read as a stream with bounded sizes (xlsx-read.ts): a hostile archive is
 * refused (400/413) as soon as it shows itself, and reading stops at the row after the limit.
 */
export async function readImport(spec: SheetSpec, data: Buffer): Promise<{ rowNumber: number; raw: RawRow }[]> {
  if (data.length > LIMITS.uploadBytes) throw new AppError(413, "payload_too_large", "文件过大");
  const expected = spec.columns.map((c) => c.header);
  const example = spec.columns.map((c) => c.example ?? "");
  const rows: { rowNumber: number; raw: RawRow }[] = [];
  let headerChecked = false;
  const checkHeader = (found: string[]) => {
    headerChecked = true;
    if (expected.some((h, i) => found[i] !== h)) {
      throw new AppError(400, "bad_header", `表头与模板不一致：应为「${expected.join("、")}」`, { expected, found });
    }
  };
  await readSheet(data, {
    columns: spec.columns.length,
    onRow(rowNumber, cells) {
      const values = cells.map((v) => fromCell(v).trim());
      if (!headerChecked) checkHeader(rowNumber === 1 ? values : values.map(() => ""));
      if (rowNumber === 1) return;
      if (values.every((v) => v === "")) return;
      if (values.every((v, i) => v === example[i])) return;
      if (rows.length >= LIMITS.importRows) throw new AppError(413, "payload_too_large", `一次最多导入 ${LIMITS.importRows} 行`);
      rows.push({ rowNumber, raw: Object.fromEntries(spec.columns.map((c, i) => [c.key, values[i]])) });
    },
  });
  if (!headerChecked) checkHeader(spec.columns.map(() => ""));
  return rows;
}

/**
 * Validates every row with `check` (which may look things up, and may remember earlier
 * rows of the same file); returns the inputs only when no row has a fault.
 */
export async function validateRows<T>(
  spec: SheetSpec,
  rows: { rowNumber: number; raw: RawRow }[],
  check: (raw: RawRow, rowNumber: number) => Promise<{ value?: T; faults: RowFault[] }>,
): Promise<{ values: T[]; result: ImportResult }> {
  const headerOf = new Map(spec.columns.map((c) => [c.key, c.header]));
  const errors: ImportResult["errors"] = [];
  const values: T[] = [];
  if (rows.length === 0) errors.push({ row: 2, column: "-", reason: "文件中没有数据行" });
  for (const { rowNumber, raw } of rows) {
    const missing = spec.columns.filter((c) => c.required && !raw[c.key]);
    for (const c of missing) errors.push({ row: rowNumber, column: c.header, reason: "必填项为空" });
    if (missing.length) continue;
    const { value, faults } = await check(raw, rowNumber);
    for (const f of faults) errors.push({ row: rowNumber, column: headerOf.get(f.column) ?? f.column, reason: f.reason });
    if (!faults.length && value !== undefined) values.push(value);
  }
  return { values, result: { ok: errors.length === 0, written: 0, errors } };
}

/** Turns zod issues of a row into faults named by column. */
export function zodFaults(issues: { path: PropertyKey[]; message: string }[]): RowFault[] {
  return issues.map((i) => ({ column: String(i.path[0] ?? "-"), reason: i.message }));
}

export const sendXlsx = (reply: FastifyReply, filename: string, data: Buffer) => sendDownload(reply, { filename, contentType: XLSX_TYPE, data });

/** All-or-nothing import: 200 with the count when every row is good, 422 with the per-row report otherwise. */
export function importAnswer(result: ImportResult) {
  if (!result.ok) throw new AppError(422, "import_rejected", `导入失败：${result.errors.length} 处错误，未写入任何数据`, result);
  return result;
}
