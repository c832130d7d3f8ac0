/**
 * Answers many readers ask for at once (the duty board's first page, watched by every duty
 * screen of a scope), kept in memory as the serialized JSON until anything changes.
 *
 * An answer is forgotten:
 *  - when this process answers a write request (the write has committed before its answer
 *    leaves, so the next read recomputes);
 *  - when the event relay brings a committed change from any process (`changed()` is called
 *    before the event reaches the SSE clients, so a screen refetching on the event sees it);
 *  - at the time the answer itself says it changes (a deadline passes: overdue is computed at
 *    the time of reading);
 *  - after REFERENCE_TTL_MS at the latest, the staleness other processes already accept for
 *    reference data (a change that emits no event: a unit renamed, a rule changed).
 *
 * The key must hold everything the answer depends on: the caller's scope and the query.
 * An answer computed while a change arrived is served to the readers that waited for it but
 * not kept.
 */
import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { REFERENCE_TTL_MS } from "./memo.ts";

export interface CachedAnswer {
  /** The JSON, encoded once for every reader. */
  body: Buffer;
  etag: string;
}

interface Entry {
  generation: number;
  until: number;
  answer: Promise<CachedAnswer>;
}

const MAX_ENTRIES = 500;

export class AnswerCache {
  private generation = 0;
  private entries = new Map<string, Entry>();

  /** Something committed: every kept answer may be wrong now. */
  changed(): void {
    this.generation++;
    this.entries.clear();
  }

  /** The kept answer for `key`, or `compute`'s (shared by concurrent callers). `changesAt`: when the value stops being true by itself. */
  answer<T>(key: string, compute: () => Promise<{ value: T; changesAt?: Date | null }>): Promise<CachedAnswer> {
    const now = Date.now();
    const hit = this.entries.get(key);
    // A change clears the entries, so a kept one is of this generation.
    if (hit && hit.until > now) return hit.answer;
    const generation = this.generation;
    const entry: Entry = {
      generation,
      until: now + REFERENCE_TTL_MS,
      answer: compute().then(({ value, changesAt }) => {
        if (changesAt) entry.until = Math.min(entry.until, changesAt.getTime());
        const body = Buffer.from(JSON.stringify(value));
        return { body, etag: `W/"${createHash("sha1").update(body).digest("base64url")}"` };
      }),
    };
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
    entry.answer.then(
      () => {
        if (this.generation !== generation && this.entries.get(key) === entry) this.entries.delete(key);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.answer;
  }
}

const caches = new WeakMap<object, AnswerCache>();

/** The answer cache of a database handle (one per app process and database, like `cachedRead`). */
export function answerCache(handle: object): AnswerCache {
  let cache = caches.get(handle);
  if (!cache) caches.set(handle, (cache = new AnswerCache()));
  return cache;
}

/** Sends a kept answer as JSON, or 304 when the client already holds it (If-None-Match). */
export async function sendAnswer(req: FastifyRequest, reply: FastifyReply, answer: Promise<CachedAnswer>): Promise<FastifyReply> {
  const { body, etag } = await answer;
  reply.header("ETag", etag).header("Cache-Control", "private, no-cache");
  if (req.headers["if-none-match"] === etag) return reply.status(304).send();
  return reply.type("application/json; charset=utf-8").send(body);
}
