/**
 * Live events for browsers (Server-Sent Events), scoped by org subtree like every row and
 * filtered by the permission that reading each kind's object needs (contracts/events.ts).
 *
 * A module announces a change with `emitEvent(tx, …)` inside the transaction of the change.
 * The publisher (started by main.ts) moves committed rows from the outbox to every app
 * process with NOTIFY (PGlite: in-process), and each process pushes them to the SSE clients
 * whose scope covers the event's unit. A client that reconnects with Last-Event-ID gets
 * what it missed from the outbox table.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { can, EVENT_PERMISSIONS, eventPermission, type EventKind, type Role } from "@yingji/contracts";
import type { Database, Q } from "../db/client.ts";
import { answerCache } from "./answer-cache.ts";
import { forgetSessions } from "./auth/sessions.ts";
import { outboxEvents } from "./events.table.ts";
import { inScope } from "./scope.ts";

export interface LiveEvent {
  id: number;
  type: string;
  unitPath: string;
  /** further subtrees it is addressed to (see `EventInput.alsoPaths`) */
  alsoPaths: string[];
  data: unknown;
  at: string;
}

export interface EventInput {
  type: string;
  /** the unit the event belongs to: whoever has it in scope sees the event */
  unitPath: string;
  /** further subtrees (a warning's target units): one event, seen once by whoever has any of them in scope */
  alsoPaths?: string[];
  data: unknown;
}

/** True when a subscriber's scope covers any of the event's paths. */
export const eventInScope = (scope: { unitPath: string }, e: Pick<LiveEvent, "unitPath" | "alsoPaths">) =>
  inScope(scope, e.unitPath) || e.alsoPaths.some((p) => inScope(scope, p));

/** Records an event in the outbox; it is published only if the surrounding transaction commits. */
export async function emitEvent(q: Q, e: EventInput): Promise<void> {
  await emitEvents(q, [e]);
}

/** The kinds of event a role may receive: those whose object it may read. */
export function readableKinds(role: Role): EventKind[] {
  return (Object.keys(EVENT_PERMISSIONS) as EventKind[]).filter((k) => can(role, EVENT_PERMISSIONS[k]));
}

/** Records several events in one statement (a batch of writes), in order, with one wake-up. */
export async function emitEvents(q: Q, events: EventInput[]): Promise<void> {
  if (events.length === 0) return;
  // A kind without a read permission would reach no one: a programming error, refused before it is written.
  for (const e of events) if (!eventPermission(e.type)) throw new Error(`event kind ${e.type} has no read permission in contracts/events.ts`);
  const also = (e: EventInput) => `{${[...new Set(e.alsoPaths ?? [])].filter((p) => p !== e.unitPath).join(",")}}`;
  const rows = sql.join(events.map((e) => sql`(${e.type}, ${e.unitPath}::ltree, ${also(e)}::ltree[], ${JSON.stringify(e.data ?? null)}::jsonb)`), sql`, `);
  // One round trip: the rows, and the publisher's wake-up (delivered at commit; harmless when rolled back).
  await q.execute(sql`
    with v (type, unit_path, also_paths, data) as (values ${rows}),
      e as (insert into ${outboxEvents} (type, unit_path, also_paths, data) select type, unit_path, also_paths, data from v returning 1)
    select pg_notify('yingji_outbox', '') from e limit 1`);
}

type Subscriber = {
  /** the session behind the stream: the stream ends when it does */
  sessionId: string;
  role: Role;
  unitPath: string;
  /** the kinds its role may read (readableKinds) */
  kinds: ReadonlySet<string>;
  send: (e: LiveEvent) => void;
  close: () => void;
};

/** Which of these sessions are live, with their role and scope now (sessions.ts liveSessions). */
export type SessionCheck = (sessionIds: string[]) => Promise<Map<string, { role: Role; unitPath: string }>>;

/**
 * The SSE clients of this process, and delivery to those whose role may read an event's kind
 * and whose scope covers it. Streams whose session ended, or whose user's role or unit changed,
 * are closed when sessions change anywhere (`sessionsChanged`, from NOTIFY yingji_sessions) and
 * at every `revalidate` tick (idle and absolute timeouts).
 */
export class EventHub {
  private subscribers = new Set<Subscriber>();
  private pending: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly check?: SessionCheck;
  constructor(check?: SessionCheck) {
    this.check = check;
  }
  subscribe(s: Subscriber): () => void {
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }
  /** Sessions, users or units changed somewhere: re-check every stream soon, once for a burst of changes. */
  sessionsChanged(delayMs = 100) {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      void this.revalidate();
    }, delayMs);
    this.pending.unref?.();
  }
  /** Ends the streams whose session is no longer live or whose user is no longer who subscribed. */
  async revalidate(): Promise<void> {
    if (!this.check || this.subscribers.size === 0) return;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        const subs = [...this.subscribers];
        const live = await this.check!([...new Set(subs.map((s) => s.sessionId))]).catch(() => null);
        if (!live) break; // the database is away: keep the streams, the next change or tick decides
        for (const s of subs) {
          const now = live.get(s.sessionId);
          if (!now || now.role !== s.role || now.unitPath !== s.unitPath) {
            this.subscribers.delete(s);
            s.close();
          }
        }
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }
  /** Ends every stream (the app is closing). */
  closeAll() {
    if (this.pending) clearTimeout(this.pending);
    for (const s of this.subscribers) s.close();
    this.subscribers.clear();
  }
  get size() {
    return this.subscribers.size;
  }
  deliver(events: LiveEvent[]) {
    for (const e of events) {
      for (const s of this.subscribers) if (s.kinds.has(e.type) && eventInScope(s, e)) s.send(e);
    }
  }
}

const PUBLISH_BATCH = 500;
const SESSION_RECHECK_MS = 30_000;

type EventRow = { id: number | string; type: string; unit_path: string; also_paths: string[] | null; data: unknown; created_at: Date | string };

function rowToEvent(r: EventRow): LiveEvent {
  return { id: Number(r.id), type: r.type, unitPath: r.unit_path, alsoPaths: r.also_paths ?? [], data: r.data, at: new Date(r.created_at).toISOString() };
}

/** Events after `afterId` of the given kinds in the caller's scope (a reconnecting client's Last-Event-ID). */
export async function eventsSince(q: Q, scope: { unitPath: string }, kinds: readonly string[], afterId: number, limit = 1000): Promise<LiveEvent[]> {
  if (kinds.length === 0) return [];
  const { rows } = await q.execute<EventRow>(sql`
    select id, type, unit_path::text as unit_path, also_paths::text[] as also_paths, data, created_at from outbox_events
    where id > ${afterId} and published_at is not null and type = any(${`{${kinds.join(",")}}`}::text[])
      and (unit_path <@ ${scope.unitPath}::ltree or also_paths <@ ${scope.unitPath}::ltree)
    order by id limit ${limit}`);
  return rows.map(rowToEvent);
}

/**
 * Moves committed events from the outbox to every process: claims unpublished rows with
 * FOR UPDATE SKIP LOCKED (several processes share the work, each row goes out once), marks
 * them published and NOTIFYs their ids on `yingji_events`; every process (this one too)
 * loads those rows and hands them to its hub.
 */
export async function startEventRelay(database: Database, hub: EventHub): Promise<{ stop(): Promise<void> }> {
  const { db } = database;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;

  const publishOnce = async (): Promise<number> => {
    return db.transaction(async (tx) => {
      const { rows } = await tx.execute<{ id: number }>(sql`
        select id from outbox_events where published_at is null order by id limit ${PUBLISH_BATCH} for update skip locked`);
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => Number(r.id));
      await tx.execute(sql`update outbox_events set published_at = now() where id = any(${`{${ids.join(",")}}`}::bigint[])`);
      await tx.execute(sql`select pg_notify('yingji_events', ${ids.join(",")})`);
      return ids.length;
    });
  };
  const publish = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        do {
          again = false;
          while (!stopped && (await publishOnce()) === PUBLISH_BATCH);
        } while (again && !stopped);
      } catch {
        /* the next wake-up or tick retries */
      } finally {
        running = null;
      }
    })();
  };
  const deliverIds = async (payload: string) => {
    const ids = payload.split(",").map(Number).filter(Number.isFinite);
    if (!ids.length || stopped) return;
    const { rows } = await db.execute<EventRow>(sql`
      select id, type, unit_path::text as unit_path, also_paths::text[] as also_paths, data, created_at from outbox_events where id = any(${`{${ids.join(",")}}`}::bigint[]) order by id`);
    // Kept answers first, so a screen refetching on the event reads the change.
    answerCache(db).changed();
    hub.deliver(rows.map(rowToEvent));
  };

  let unlisten: () => Promise<void>;
  if (database.pglite) {
    const offOutbox = await database.pglite.listen("yingji_outbox", () => publish());
    const offEvents = await database.pglite.listen("yingji_events", (p) => void deliverIds(p).catch(() => {}));
    const offSessions = await database.pglite.listen("yingji_sessions", () => {
      forgetSessions(db);
      hub.sessionsChanged();
    });
    unlisten = async () => {
      await offOutbox();
      await offEvents();
      await offSessions();
    };
  } else {
    unlisten = await listenPostgres(database, {
      yingji_outbox: () => publish(),
      yingji_events: (p) => void deliverIds(p).catch(() => {}),
      // Users, revoked sessions or the org tree changed in some process (a trigger announces it).
      yingji_sessions: () => {
        forgetSessions(db);
        hub.sessionsChanged();
      },
    }, () => stopped, () => {
      forgetSessions(db);
      hub.sessionsChanged();
      answerCache(db).changed();
      publish();
    });
  }
  // A safety net: rows whose wake-up was missed (a crash between commit and publish) go out within a second.
  const tick = setInterval(publish, 1000);
  tick.unref();
  // Streams of sessions that timed out (idle, absolute) end within this tick; revoked ones at once.
  const recheck = setInterval(() => void hub.revalidate(), SESSION_RECHECK_MS);
  recheck.unref();
  publish();
  return {
    async stop() {
      stopped = true;
      clearInterval(tick);
      clearInterval(recheck);
      await running;
      await unlisten().catch(() => {});
    },
  };
}

/**
 * A dedicated PostgreSQL connection for LISTEN, reconnecting every second after a failure
 * until it is back. Notifications sent while it was away are lost: `missed` runs after each
 * reconnection so the caller can forget what they would have changed.
 */
async function listenPostgres(database: Database, handlers: Record<string, (payload: string) => void>, isStopped: () => boolean, missed: () => void) {
  let client: pg.Client | null = null;
  const connect = async () => {
    const c = new pg.Client(database.pool!.options);
    let failed = false;
    const retry = () => {
      if (failed) return;
      failed = true;
      c.end().catch(() => {});
      if (client === c) client = null;
      if (!isStopped()) setTimeout(() => void connect().then(missed, () => {}), 1000).unref();
    };
    c.on("notification", (n) => handlers[n.channel]?.(n.payload ?? ""));
    c.on("error", retry);
    try {
      await c.connect();
      for (const channel of Object.keys(handlers)) await c.query(`listen ${channel}`);
    } catch (e) {
      retry();
      throw e;
    }
    client = c;
  };
  await connect();
  return async () => {
    await client?.end();
  };
}
