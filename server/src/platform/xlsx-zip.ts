/**
 * The zip side of reading an uploaded .xlsx without trusting it: the central directory read
 * by hand (entry count, declared sizes, encryption, compression ratio checked before anything
 * is inflated), and one entry inflated as a stream of text chunks whose real size is counted
 * as it comes (a directory that lies about sizes is caught at the first byte past its word).
 */
import { createInflateRaw } from "node:zlib";
import { AppError } from "./errors.ts";

/** What an upload may hold; each bound is far above what a 20,000-row import needs (see docs/security-notes-excel.md). */
export const XLSX_LIMITS = {
  /** Entries in the archive (a workbook from Excel, WPS or LibreOffice has 10–40). */
  entries: 2000,
  /** Declared uncompressed bytes of all entries together. */
  totalBytes: 160 * 1024 * 1024,
  /** Uncompressed bytes of the one worksheet read (20,000 rows of 20 columns from Excel or WPS: about 15 MB). */
  sheetBytes: 24 * 1024 * 1024,
  /** Uncompressed bytes of the shared strings. */
  sharedStringsBytes: 16 * 1024 * 1024,
  /** Uncompressed bytes of all the parts read together: what bounds the time a file can take. */
  readBytes: 32 * 1024 * 1024,
  /** Uncompressed bytes of each other part read (workbook, relationships, styles). */
  partBytes: 8 * 1024 * 1024,
  /** Compression ratio of an entry over 1 MB; XML of real sheets packs 5–30 to 1. */
  ratio: 200,
} as const;

export const badFile = (message: string) => new AppError(400, "bad_file", message);
export const tooLarge = (message: string) => new AppError(413, "payload_too_large", message);

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The central directory: entries by lower-cased name (OPC part names are case-insensitive). */
export function centralDirectory(buf: Buffer): Map<string, ZipEntry> {
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw badFile("文件是加密的 Excel 或旧版 .xls 格式：请去掉密码并另存为 .xlsx 后再导入");
  }
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL) throw badFile("文件不是 Excel (.xlsx) 格式，请使用下载的模板");
  // The end record sits in the last 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) { end = i; break; }
  }
  if (end < 0) throw badFile("Excel 文件不完整或已损坏");
  const count = buf.readUInt16LE(end + 10);
  const dirSize = buf.readUInt32LE(end + 12);
  const dirOffset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw tooLarge("Excel 文件过大（ZIP64）");
  if (count > XLSX_LIMITS.entries) throw tooLarge(`Excel 文件内含 ${count} 个部件，超过上限 ${XLSX_LIMITS.entries}`);
  if (dirOffset + dirSize > end) throw badFile("Excel 文件不完整或已损坏");

  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== CENTRAL) throw badFile("Excel 文件不完整或已损坏");
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const e: ZipEntry = {
      name: buf.toString("utf8", p + 46, p + 46 + nameLen).replace(/\\/g, "/").replace(/^\//, ""),
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    };
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff || e.localOffset === 0xffffffff) throw tooLarge("Excel 文件过大（ZIP64）");
    p += 46 + nameLen + extraLen + commentLen;
    total += e.size;
    if (total > XLSX_LIMITS.totalBytes) throw tooLarge("Excel 文件解压后过大");
    if (e.size > 1024 * 1024 && e.size > e.compressedSize * XLSX_LIMITS.ratio) throw tooLarge("Excel 文件压缩比异常（疑似压缩炸弹）");
    const key = e.name.toLowerCase();
    if (entries.has(key)) throw badFile("Excel 文件结构异常（部件重名）");
    entries.set(key, e);
  }
  return entries;
}

/**
 * The text of one entry, chunk by chunk, never more than `limit` bytes nor more than the
 * directory declared; an entry whose declared size is over `limit` is refused before inflating.
 */
export async function* entryText(buf: Buffer, e: ZipEntry, limit: number, what: string): AsyncGenerator<string> {
  if (e.flags & 0x1) throw badFile("Excel 文件已加密：请去掉密码后再导入");
  if (e.method !== 0 && e.method !== 8) throw badFile("Excel 文件使用了不支持的压缩方式");
  if (e.size > limit) throw tooLarge(`Excel 文件的${what}过大（解压后 ${Math.ceil(e.size / 1048576)} MB，上限 ${limit / 1048576} MB）`);
  const h = e.localOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== LOCAL) throw badFile("Excel 文件不完整或已损坏");
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  if (start + e.compressedSize > buf.length) throw badFile("Excel 文件不完整或已损坏");
  const data = buf.subarray(start, start + e.compressedSize);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let seen = 0;
  const text = (chunk: Buffer) => {
    seen += chunk.length;
    // The directory's word is the most there may be: more is a lie (or damage), refused at once.
    if (seen > e.size) throw badFile("Excel 文件已损坏（实际大小与声明不符）");
    try {
      return decoder.decode(chunk, { stream: true });
    } catch {
      throw badFile("Excel 文件的文本不是 UTF-8 编码");
    }
  };
  if (e.method === 0) {
    for (let i = 0; i < data.length; i += 65536) yield text(data.subarray(i, i + 65536));
  } else {
    const inflate = createInflateRaw({ chunkSize: 65536 });
    inflate.end(data);
    try {
      for await (const chunk of inflate) yield text(chunk as Buffer);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw badFile("Excel 文件已损坏，无法解压");
    } finally {
      inflate.destroy();
    }
  }
  if (seen !== e.size) throw badFile("Excel 文件已损坏（实际大小与声明不符）");
}
