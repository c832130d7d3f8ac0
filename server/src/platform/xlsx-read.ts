/**
 * Reads the first worksheet of an uploaded .xlsx as rows of text, as a stream: each part is
 * inflated chunk by chunk (xlsx-zip.ts) into a streaming tokenizer (xlsx-xml.ts), so neither the archive's text nor a
 * document tree is ever held whole. The reader stops at the row limit, refuses a cell over
 * Excel's own 32,767 characters, and gives the event loop a turn every few hundred kilobytes
 * so other requests are answered while a large file is read.
 *
 * Cell text is what exceljs gave the import before: shared and inline strings (rich text
 * joined), numbers as JavaScript prints them, booleans as "true"/"false", a formula's cached
 * result, errors as "", and numbers in a date format as ISO timestamps.
 */
import { attr, attrNames, xmlText, XmlError, XmlTokenizer, type XmlHandlers } from "./xlsx-xml.ts";
import { badFile, centralDirectory, entryText, tooLarge, XLSX_LIMITS, type ZipEntry } from "./xlsx-zip.ts";

/** Excel's own limit of characters in a cell. */
export const CELL_CHARS = 32767;
/** Characters of one token (text run, tag): one larger than a full cell, escaped, is refused before it is held. */
const TOKEN_CHARS = 256 * 1024;
/** Element nesting: SpreadsheetML needs about 6. */
const MAX_DEPTH = 64;
/** Characters parsed between turns given to the event loop. */
const TURN_CHARS = 256 * 1024;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Feeds one entry's text to the tokenizer; a handler may throw to stop at once. */
async function parsePart(buf: Buffer, e: ZipEntry, limit: number, what: string, h: XmlHandlers) {
  const xml = new XmlTokenizer(h, TOKEN_CHARS, MAX_DEPTH);
  const bad = (err: unknown) => {
    if (err instanceof XmlError) return badFile(`Excel 文件的${what}格式不正确：${err.message}`);
    return err;
  };
  let sinceTurn = 0;
  try {
    for await (const chunk of entryText(buf, e, limit, what)) {
      xml.write(chunk);
      sinceTurn += chunk.length;
      if (sinceTurn > TURN_CHARS) {
        sinceTurn = 0;
        await turn();
      }
    }
    xml.close();
  } catch (err) {
    throw bad(err);
  }
}

/** Relationships of a part: id → target, and type suffix → target, resolved against the part's folder. */
async function relationships(buf: Buffer, entries: Map<string, ZipEntry>, partPath: string) {
  const slash = partPath.lastIndexOf("/");
  const dir = partPath.slice(0, slash + 1);
  const relsPath = `${dir}_rels/${partPath.slice(slash + 1)}.rels`;
  const byId = new Map<string, string>();
  const byType = new Map<string, string>();
  const e = entries.get(relsPath.toLowerCase());
  if (!e) return { byId, byType };
  await parsePart(buf, e, XLSX_LIMITS.partBytes, "关系表", {
    open(name, a) {
      if (name !== "Relationship") return;
      const [id, type, target] = [attr(a, "Id"), attr(a, "Type"), attr(a, "Target")];
      if (!target || attr(a, "TargetMode") === "External") return;
      const path = resolvePath(dir, target);
      if (id) byId.set(id, path);
      if (type) byType.set(type.slice(type.lastIndexOf("/") + 1), path);
    },
    close() {},
    text() {},
  });
  return { byId, byType };
}

function resolvePath(dir: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : dir + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

function entryOf(entries: Map<string, ZipEntry>, path: string | undefined) {
  return path ? entries.get(path.toLowerCase()) : undefined;
}

/** The workbook part, its first sheet, shared strings and styles, and whether dates count from 1904. */
async function workbookParts(buf: Buffer, entries: Map<string, ZipEntry>) {
  const root = await relationships(buf, entries, "");
  const bookPath = root.byType.get("officeDocument") ?? "xl/workbook.xml";
  const book = entryOf(entries, bookPath);
  if (!book) throw badFile("文件不是 Excel 工作簿（.xlsx），请使用下载的模板");
  let firstSheet: string | undefined;
  let date1904 = false;
  await parsePart(buf, book, XLSX_LIMITS.partBytes, "工作簿", {
    open(name, a) {
      if (name === "workbookPr") date1904 = ["1", "true"].includes(attr(a, "date1904") ?? "");
      if (name === "sheet" && firstSheet === undefined) {
        const key = attrNames(a).find((k) => k === "id" || k.endsWith(":id"));
        firstSheet = (key && attr(a, key)) ?? "";
      }
    },
    close() {},
    text() {},
  });
  const rels = await relationships(buf, entries, bookPath);
  const sheet = entryOf(entries, firstSheet ? rels.byId.get(firstSheet) : undefined);
  if (!sheet) throw badFile("Excel 文件中没有工作表");
  return { sheet, strings: entryOf(entries, rels.byType.get("sharedStrings")), styles: entryOf(entries, rels.byType.get("styles")), date1904 };
}

/** Every string of the shared-strings part (rich-text runs joined; phonetic guides left out). */
async function sharedStrings(buf: Buffer, e: ZipEntry | undefined): Promise<string[]> {
  const out: string[] = [];
  if (!e) return out;
  let cur: string | null = null;
  let inT = false;
  let phonetic = 0;
  await parsePart(buf, e, XLSX_LIMITS.sharedStringsBytes, "共享字符串", {
    open(name) {
      if (name === "si") cur = "";
      else if (name === "rPh") phonetic++;
      else if (name === "t" && !phonetic) inT = true;
    },
    close(name) {
      if (name === "si" && cur !== null) {
        out.push(cur);
        cur = null;
      } else if (name === "rPh") phonetic--;
      else if (name === "t") inT = false;
    },
    text(t) {
      if (!inT || cur === null) return;
      cur += xmlText(t);
      if (cur.length > CELL_CHARS) throw badFile(`Excel 文件中第 ${out.length + 1} 个共享字符串超过 ${CELL_CHARS} 个字符`);
    },
  });
  return out;
}

/** Built-in number formats that show a date or time (the English and the Chinese sets). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A format code shows a date when, outside quotes and brackets, it has a date or time letter (exceljs's rule). */
export const isDateFormat = (code: string) => /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));

/** For each cell style (index of cellXfs), whether it shows numbers as dates. */
async function dateStyles(buf: Buffer, e: ZipEntry | undefined): Promise<boolean[]> {
  const out: boolean[] = [];
  if (!e) return out;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  await parsePart(buf, e, XLSX_LIMITS.partBytes, "样式表", {
    open(name, a) {
      if (name === "numFmt") custom.set(Number(attr(a, "numFmtId")), attr(a, "formatCode") ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) {
        const id = Number(attr(a, "numFmtId") ?? 0);
        out.push(custom.has(id) ? isDateFormat(custom.get(id)!) : DATE_FORMAT_IDS.has(id));
      }
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
    text() {},
  });
  return out;
}

/** "AB12" → 28 (1-based column); 0 when the reference has no letters. */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    n = n * 26 + (c - 0x60);
  }
  return n;
}

const excelDate = (v: number, date1904: boolean) => new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86400000));

export interface SheetReadOptions {
  /** Columns read (1..columns); cells further right are skipped. */
  columns: number;
  /** Called with each row that has a cell, in order; it may throw to stop the reading at once. */
  onRow(rowNumber: number, values: string[]): void;
}

/**
 * Reads the first worksheet of `buf`, calling onRow for each row as it is parsed.
 * Throws 400 (bad_file) for what is not a readable .xlsx, 413 for what is too large.
 */
export async function readSheet(buf: Buffer, o: SheetReadOptions): Promise<void> {
  const entries = centralDirectory(buf);
  const parts = await workbookParts(buf, entries);
  // Each part's real size is held to its declared one as it is inflated, so the declared sizes bound the work.
  const toRead = [parts.sheet, parts.strings, parts.styles].reduce((n, e) => n + (e?.size ?? 0), 0);
  if (toRead > XLSX_LIMITS.readBytes) throw tooLarge(`Excel 文件解压后过大（${Math.ceil(toRead / 1048576)} MB，上限 ${XLSX_LIMITS.readBytes / 1048576} MB）`);
  const strings = await sharedStrings(buf, parts.strings);
  const dates = await dateStyles(buf, parts.styles);

  let rowNumber = 0;
  let values: string[] | null = null;
  let col = 0;
  let type = "";
  let style = 0;
  let hasFormula = false;
  let sink: "v" | "t" | null = null;
  let v = "";
  let inline = "";
  let inInline = false;
  let phonetic = 0;

  const cellValue = (): string => {
    if (type === "inlineStr") return inline;
    if (v === "" && !inline) return "";
    switch (type) {
      case "s": {
        const s = strings[Number.parseInt(v, 10)];
        return s ?? "";
      }
      case "str":
      case "d":
        return v;
      case "b":
        return String(Number.parseInt(v, 10) !== 0);
      case "e":
        return "";
      default: {
        const n = Number.parseFloat(v);
        if (dates[style] && Number.isFinite(n)) {
          const d = excelDate(n, parts.date1904);
          return Number.isNaN(d.getTime()) ? String(n) : d.toISOString();
        }
        return String(n);
      }
    }
  };
  const cap = (s: string) => {
    if (s.length > CELL_CHARS) throw badFile(`第 ${rowNumber} 行第 ${col} 列的单元格超过 ${CELL_CHARS} 个字符`);
    return s;
  };

  await parsePart(buf, parts.sheet, XLSX_LIMITS.sheetBytes, "工作表", {
    wantText: false,
    open(name, a) {
      switch (name) {
        case "row": {
          const ref = attr(a, "r");
          const r = ref ? Number.parseInt(ref, 10) : rowNumber + 1;
          if (!Number.isInteger(r) || r <= rowNumber || r > 1_048_576) throw badFile(`Excel 文件的行号异常：${String(ref).slice(0, 20)}`);
          rowNumber = r;
          values = null;
          col = 0;
          break;
        }
        case "c": {
          const ref = attr(a, "r");
          col = ref ? columnOf(ref) || col + 1 : col + 1;
          // Cells right of the template's columns are only counted, not read.
          if (col > o.columns) break;
          const s = attr(a, "s");
          type = attr(a, "t") ?? "n";
          style = s ? Number.parseInt(s, 10) : 0;
          v = "";
          inline = "";
          hasFormula = false;
          break;
        }
        case "v":
          if (col <= o.columns) sink = "v";
          this.wantText = sink !== null;
          break;
        case "f":
          hasFormula = true;
          break;
        case "is":
          inInline = true;
          break;
        case "rPh":
          phonetic++;
          break;
        case "t":
          if (inInline && !phonetic && col <= o.columns) sink = "t";
          this.wantText = sink !== null;
          break;
      }
    },
    close(name) {
      switch (name) {
        case "v":
        case "t":
          sink = null;
          this.wantText = false;
          break;
        case "is":
          inInline = false;
          break;
        case "rPh":
          phonetic--;
          break;
        case "c":
          if (col >= 1 && col <= o.columns) {
            // A formula's cached result is its value; a formula string (t="str") reads as text.
            if (hasFormula && type === "inlineStr") type = "str";
            const text = cellValue();
            if (text !== "") (values ??= new Array<string>(o.columns).fill(""))[col - 1] = text;
          }
          break;
        case "row":
          if (values) o.onRow(rowNumber, values);
          values = null;
          break;
      }
    },
    text(t) {
      if (sink === "v") v = cap(v + xmlText(t));
      else if (sink === "t") inline = cap(inline + xmlText(t));
    },
  });
}

