/**
 * Hand-made .xlsx archives for the import tests: a zip writer that can lie (declared sizes,
 * flags, methods) and stream-compress generated content, so a file holding 200 MB of text is
 * made without ever holding 200 MB.
 */
import { crc32, createDeflateRaw } from "node:zlib";

type Chunks = Iterable<string | Buffer>;

export interface FixtureEntry {
  name: string;
  /** The content, as chunks (a generator for large content). */
  data: Chunks | string | Buffer;
  /** 0 stored, 8 deflate (default); others are written as given, with deflated data. */
  method?: number;
  /** Overrides the uncompressed size written in the directory. */
  declaredSize?: number;
  flags?: number;
}

async function compress(data: Chunks, method: number): Promise<{ out: Buffer; size: number; crc: number }> {
  let size = 0;
  let crc = 0;
  const raw: Buffer[] = [];
  const deflate = method === 0 ? null : createDeflateRaw();
  const compressed: Buffer[] = [];
  deflate?.on("data", (c: Buffer) => compressed.push(c));
  const done = deflate ? new Promise((resolve) => deflate.on("end", resolve)) : Promise.resolve();
  for (const chunk of data) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += b.length;
    crc = crc32(b, crc);
    if (deflate) {
      // Wait for the compressor when it asks, so a generator of gigabytes stays small.
      if (!deflate.write(b)) await new Promise((resolve) => deflate.once("drain", resolve));
    } else raw.push(b);
  }
  deflate?.end();
  await done;
  return { out: Buffer.concat(deflate ? compressed : raw), size, crc };
}

export async function makeZip(entries: FixtureEntry[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const chunks: Chunks = typeof e.data === "string" || Buffer.isBuffer(e.data) ? [e.data] : e.data;
    const { out, size, crc } = await compress(chunks, method === 0 ? 0 : 8);
    const name = Buffer.from(e.name);
    const declared = e.declaredSize ?? size;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(e.flags ?? 0x800, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(crc >>> 0, 14);
    header.writeUInt32LE(out.length, 18);
    header.writeUInt32LE(declared, 22);
    header.writeUInt16LE(name.length, 26);
    locals.push(header, name, out);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(e.flags ?? 0x800, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(crc >>> 0, 16);
    dir.writeUInt32LE(out.length, 20);
    dir.writeUInt32LE(declared, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + out.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

export const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const colName = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));

/** A row of inline-string cells. */
export const rowXml = (r: number, cells: string[]) =>
  `<row r="${r}">${cells.map((v, i) => `<c r="${colName(i)}${r}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join("")}</row>`;

const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_TAIL = "</sheetData></worksheet>";

/** The parts around a sheet: content types, relationships, workbook (and shared strings when given). */
export function workbookEntries(sheet: FixtureEntry["data"], o: { sharedStrings?: FixtureEntry["data"]; sheetEntry?: Partial<FixtureEntry>; stringsEntry?: Partial<FixtureEntry> } = {}): FixtureEntry[] {
  const ns = "http://schemas.openxmlformats.org";
  return [
    { name: "[Content_Types].xml", data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>` },
    { name: "_rels/.rels", data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: "xl/workbook.xml", data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: "xl/_rels/workbook.xml.rels", data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>${o.sharedStrings ? `<Relationship Id="rId2" Type="${ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` : ""}</Relationships>` },
    ...(o.sharedStrings ? [{ name: "xl/sharedStrings.xml", data: o.sharedStrings, ...o.stringsEntry }] : []),
    { name: "xl/worksheets/sheet1.xml", data: sheet, ...o.sheetEntry },
  ];
}

/** Sheet XML: the header row, then `rows` generated rows, produced in chunks of about 64 KB. */
export function* sheetXml(header: string[], rows: number, row: (r: number) => string = (r) => rowXml(r, [`行${r}`])): Generator<string> {
  let buf = SHEET_HEAD + rowXml(1, header);
  for (let r = 2; r < rows + 2; r++) {
    buf += row(r);
    if (buf.length > 65536) {
      yield buf;
      buf = "";
    }
  }
  yield buf + SHEET_TAIL;
}

/** `count` repetitions of `unit`, in chunks of about 1 MB. */
export function* repeated(unit: string, count: number, head = "", tail = ""): Generator<string> {
  const per = Math.max(1, Math.floor(1048576 / unit.length));
  const block = unit.repeat(per);
  yield head;
  let left = count;
  while (left >= per) {
    yield block;
    left -= per;
  }
  yield unit.repeat(left) + tail;
}

export { SHEET_HEAD, SHEET_TAIL };
