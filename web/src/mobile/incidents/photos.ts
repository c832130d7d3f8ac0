/**
 * Photos of a field report: shrunk on the phone before sending (a cheap phone's 12-megapixel
 * photo becomes a ~200 KB JPEG), uploaded beside the report once it exists, and — when the
 * report waits in the offline queue — kept in IndexedDB under the report's idempotency key
 * until the queue sends the report and then its photos.
 */
import type { IncidentReport } from "@yingji/contracts";
import { upload } from "../../app/api.ts";

const MAX_SIDE = 1600;
export const MAX_PHOTOS = 6;

/** A JPEG no larger than MAX_SIDE on its long side; a file that is not an image is returned as it is. */
export async function shrinkPhoto(file: File): Promise<File> {
  if (!file.type.startsWith("image/") || typeof createImageBitmap !== "function") return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size < 600_000) return file;
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d")!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.8));
    if (!blob) return file;
    return new File([blob], file.name.replace(/\.[^.]+$/, "") + ".jpg", { type: "image/jpeg" });
  } catch {
    return file;
  }
}

/** Uploads the photos beside a submitted report, one after another. */
export async function uploadPhotos(incidentId: string, reportId: string, photos: readonly File[]) {
  for (const p of photos) await upload<IncidentReport>(`/api/incidents/${incidentId}/reports/${reportId}/attachments`, p);
}

const DB = "yingji-field";
const STORE = "photos";

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = act(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Keeps the photos of a queued report under its idempotency key (none: forgets the key). */
export async function keepPhotos(key: string, photos: readonly File[]) {
  if (photos.length === 0) return dropPhotos(key);
  await withStore("readwrite", (s) => s.put(photos.map((p) => ({ name: p.name, type: p.type, blob: p as Blob })), key));
}

/** The photos kept for a queued report (none when IndexedDB is unavailable). */
export async function keptPhotos(key: string): Promise<File[]> {
  if (typeof indexedDB === "undefined") return [];
  const rows = (await withStore("readonly", (s) => s.get(key))) as { name: string; type: string; blob: Blob }[] | undefined;
  return (rows ?? []).map((r) => new File([r.blob], r.name, { type: r.type }));
}

export async function dropPhotos(key: string) {
  if (typeof indexedDB === "undefined") return;
  await withStore("readwrite", (s) => s.delete(key));
}
