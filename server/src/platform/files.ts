/** Uploaded files: bytes in FILES_DIR (a shared directory when several processes run), metadata in `files`. */
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { eq, inArray } from "drizzle-orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { LIMITS } from "@yingji/contracts";
import type { Config } from "../config.ts";
import type { Q } from "../db/client.ts";
import { badRequest } from "./errors.ts";
import { files } from "./platform.table.ts";

export type FileRow = typeof files.$inferSelect;

/** Lets routes registered inside `scope` take a raw file body of any content type. */
export function acceptRawUploads(scope: FastifyInstance) {
  // JSON and text too: an upload is the bytes as sent, whatever their type.
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: LIMITS.uploadBytes }, (_req, body, done) => done(null, body));
}

/** The uploaded file of a raw-body request: its bytes, name (X-File-Name, URL-encoded) and type. */
export function uploadedFile(req: FastifyRequest): { name: string; contentType: string; data: Buffer } {
  const data = req.body;
  if (!Buffer.isBuffer(data) || data.length === 0) throw badRequest("(body)", "缺少文件内容");
  let name = "file";
  const header = req.headers["x-file-name"];
  if (typeof header === "string" && header) {
    try {
      name = decodeURIComponent(header);
    } catch {
      throw badRequest("X-File-Name", "文件名编码不正确");
    }
  }
  name = name.replace(/[\\/\0\r\n]/g, "_").slice(0, 200);
  const contentType = (req.headers["content-type"] ?? "application/octet-stream").split(";")[0].trim().slice(0, 100);
  return { name, contentType, data };
}

export async function saveFile(q: Q, config: Config, f: { name: string; contentType: string; data: Buffer; unitId: string; actorId: string | null }): Promise<FileRow> {
  const id = randomUUID();
  await mkdir(config.filesDir, { recursive: true });
  const tmp = join(config.filesDir, `${id}.part`);
  await writeFile(tmp, f.data, { flush: true });
  await rename(tmp, join(config.filesDir, id));
  const [row] = await q
    .insert(files)
    .values({ id, name: f.name, contentType: f.contentType, size: f.data.length, sha256: createHash("sha256").update(f.data).digest("hex"), unitId: f.unitId, createdBy: f.actorId })
    .returning();
  return row;
}

export async function fileRows(q: Q, ids: string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  return q.select().from(files).where(inArray(files.id, ids));
}

export async function fileRow(q: Q, id: string): Promise<FileRow | undefined> {
  const [row] = await q.select().from(files).where(eq(files.id, id));
  return row;
}

export const readStoredFile = (config: Config, id: string) => readFile(join(config.filesDir, id));

export const presentFile = (f: FileRow) => ({ id: f.id, name: f.name, size: f.size, contentType: f.contentType, uploadedAt: f.createdAt.toISOString() });

/** Sends bytes as a download with their (UTF-8) file name. */
export function sendDownload(reply: FastifyReply, f: { filename: string; contentType: string; data: Buffer }) {
  return reply
    .header("Content-Type", f.contentType)
    .header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
    .header("X-Content-Type-Options", "nosniff")
    .send(f.data);
}
