/**
 * The field app's offline queue: a report that could not be sent because the network was down
 * waits in localStorage with its Idempotency-Key and is sent again when `online` fires, on the
 * next app start, or on a periodic retry. The server answers a repeated key with the first
 * result, so a send that got through but whose answer was lost still creates exactly one.
 */
import type { CreateIncidentInput, CreateReportInput } from "@yingji/contracts";
import { ApiError } from "../../app/api.ts";
import { postReport } from "../../modules/incidents/hooks/useAddReport.ts";
import { postIncident } from "../../modules/incidents/hooks/useCreateIncident.ts";
import { keepPhotos, keptPhotos, uploadPhotos } from "./photos.ts";

/** Uploads kept photos one by one, forgetting each once it is stored: a retry sends only the rest. */
async function sendKeptPhotos(key: string, incidentId: string, reportId: string) {
  const photos = await keptPhotos(key);
  for (let i = 0; i < photos.length; i++) {
    await uploadPhotos(incidentId, reportId, [photos[i]]);
    await keepPhotos(key, photos.slice(i + 1));
  }
}

export type QueuedItem =
  | { key: string; kind: "incident"; input: CreateIncidentInput; queuedAt: string; userId: string }
  | { key: string; kind: "report"; incidentId: string; input: CreateReportInput; queuedAt: string; userId: string }
  /** The report is in; its photos (kept in IndexedDB under `key`) still go up. */
  | { key: string; kind: "photos"; incidentId: string; reportId: string; queuedAt: string; userId: string };

const STORE = "yingji.m.outbox";
export const QUEUE_CHANGED = "yingji-outbox-changed";

export function newKey(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

export function queued(userId?: string): QueuedItem[] {
  try {
    const all = JSON.parse(localStorage.getItem(STORE) ?? "[]") as QueuedItem[];
    return userId ? all.filter((i) => i.userId === userId) : all;
  } catch {
    return [];
  }
}

function save(items: QueuedItem[]) {
  localStorage.setItem(STORE, JSON.stringify(items));
  window.dispatchEvent(new Event(QUEUE_CHANGED));
}

export function enqueue(item: QueuedItem) {
  save([...queued().filter((i) => i.key !== item.key), item]);
}

function remove(key: string) {
  save(queued().filter((i) => i.key !== key));
}

export const isNetworkError = (err: unknown) => err instanceof ApiError && err.status === 0;

let running: Promise<{ sent: number; dropped: string[] }> | null = null;

/**
 * Sends the signed-in user's queued reports in order, one at a time; stops at the first network
 * failure. A report the server refuses (4xx) is dropped with its message. One flush at a time.
 */
export function flushQueue(userId: string): Promise<{ sent: number; dropped: string[] }> {
  running ??= (async () => {
    let sent = 0;
    const dropped: string[] = [];
    for (const item of queued(userId)) {
      try {
        if (item.kind === "photos") {
          await sendKeptPhotos(item.key, item.incidentId, item.reportId);
          remove(item.key);
          continue;
        }
        const target = item.kind === "incident"
          ? await postIncident(item.input, item.key).then((i) => ({ incidentId: i.id, reportId: i.reports[0].id }))
          : await postReport(item.incidentId, item.input, item.key).then((r) => ({ incidentId: item.incidentId, reportId: r.id }));
        sent++;
        // The report is in; its photos follow as their own queue item, so a cut network loses none.
        if ((await keptPhotos(item.key).catch(() => [])).length) {
          enqueue({ key: item.key, kind: "photos", ...target, queuedAt: item.queuedAt, userId: item.userId });
          await sendKeptPhotos(item.key, target.incidentId, target.reportId);
        }
        remove(item.key);
      } catch (err) {
        if (isNetworkError(err)) break;
        if (err instanceof ApiError && err.status === 401) break;
        if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
          remove(item.key);
          dropped.push(err.message);
          continue;
        }
        break;
      }
    }
    return { sent, dropped };
  })().finally(() => {
    running = null;
  });
  return running;
}
