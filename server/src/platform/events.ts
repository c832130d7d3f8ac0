/**
 * Live events for browsers (Server-Sent Events), scoped by org subtree like every row.
 *
 * A module announces a change with `emitEvent(tx, …)` inside the transaction of the change.
 * The publisher (started by main.ts) moves committed rows from the outbox to every app
 * process with NOTIFY (PGlite: in-process), and each process pushes them to the SSE clients
 * whose scope covers the event's unit. A client that reconnects with Last-Event-ID gets
 * what it missed from the outbox table.
 */
import { sql } from "drizzle-orm";
import type { Q } from "../db/client.ts";
import { outboxEvents } from "./events.table.ts";

export interface LiveEvent {
  id: number;
  type: string;
  unitPath: string;
  data: unknown;
  at: string;
}

/** Records an event in the outbox; it is published only if the surrounding transaction commits. */
export async function emitEvent(q: Q, e: { type: string; unitPath: string; data: unknown }): Promise<void> {
  await q.insert(outboxEvents).values({ type: e.type, unitPath: e.unitPath, data: JSON.parse(JSON.stringify(e.data ?? null)) });
  // Wake the publisher at once (delivered at commit; harmless when rolled back).
  await q.execute(sql`select pg_notify('yingji_outbox', '')`);
}
