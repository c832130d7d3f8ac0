/**
 * Idempotency keys of the offline field app: a report queued on a phone may be sent twice;
 * the second send with the same key (same user) answers the first result and writes nothing.
 * The key is stored in the transaction of the write, so a crash leaves both or neither.
 */
import { and, eq } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { INCIDENT_LIMITS } from "@yingji/contracts";
import type { Db, Tx } from "../../db/client.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { badRequest, unprocessable } from "../../platform/errors.ts";
import { incidentIdempotency } from "./incidents.table.ts";

export function idempotencyKeyOf(req: FastifyRequest): string | null {
  const raw = req.headers["idempotency-key"];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || key.length > INCIDENT_LIMITS.idempotencyKey || !/^[\x21-\x7e]+$/.test(key)) {
    throw badRequest("Idempotency-Key", `1 到 ${INCIDENT_LIMITS.idempotencyKey} 个可见 ASCII 字符`);
  }
  return key;
}

async function stored(q: Db | Tx, actor: Actor, key: string, route: string) {
  const [row] = await q.select().from(incidentIdempotency).where(and(eq(incidentIdempotency.userId, actor.id), eq(incidentIdempotency.key, key)));
  if (row && row.route !== route) throw unprocessable("idempotency_key_reused", "Idempotency-Key 已用于另一个请求");
  return row;
}

/** What the key's row holds: the first answer, or only the created id if the process stopped before storing it. */
type Stored<T> = T | { pending: string };

export async function replay<T>(response: unknown, present: (id: string) => Promise<T>): Promise<T> {
  const p = response as { pending?: unknown };
  if (p && typeof p === "object" && typeof p.pending === "string" && Object.keys(p).length === 1) return present(p.pending);
  return response as T;
}

export const isUniqueViolation = (err: unknown) =>
  (err as { code?: string }).code === "23505" || (err as { cause?: { code?: string } }).cause?.code === "23505";

/**
 * Runs `write` in a transaction, once per key: a repeat answers what the first call answered.
 * `write` returns the id of what it created; `present` shapes the answer after commit.
 */
export async function once<T>(
  db: Db, actor: Actor, key: string | null, route: string,
  write: (tx: Tx) => Promise<string>, present: (id: string) => Promise<T>,
): Promise<{ replayed: boolean; body: T }> {
  if (!key) return { replayed: false, body: await present(await db.transaction(write)) };
  const first = await stored(db, actor, key, route);
  if (first) return { replayed: true, body: await replay(first.response, present) };
  let id: string;
  try {
    id = await db.transaction(async (tx) => {
      const created = await write(tx);
      const pending: Stored<T> = { pending: created };
      await tx.insert(incidentIdempotency).values({ userId: actor.id, key, route, status: 201, response: pending });
      return created;
    });
  } catch (err) {
    // The same key sent twice at once: the loser's transaction rolled back; answer the winner's result.
    if (!isUniqueViolation(err)) throw err;
    const winner = await stored(db, actor, key, route);
    if (!winner) throw err;
    return { replayed: true, body: await replay(winner.response, present) };
  }
  const body = await present(id);
  await db.update(incidentIdempotency).set({ response: JSON.parse(JSON.stringify(body)) })
    .where(and(eq(incidentIdempotency.userId, actor.id), eq(incidentIdempotency.key, key)));
  return { replayed: false, body };
}
