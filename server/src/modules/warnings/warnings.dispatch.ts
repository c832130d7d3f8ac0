/**
 * Delivery workers: claim due rows with FOR UPDATE SKIP LOCKED (several processes share the
 * work), mark them 'sending' with a lease before any network call, send through the channel's
 * adapter, then record sent/delivered, or schedule a retry with exponential backoff, or give up
 * as failed after the set number of tries. A process killed mid-send leaves its rows 'sending';
 * when the lease passes another worker takes them again, and the idempotency key makes the
 * resend harmless at the gateway.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import type { WarningChannel, WarningLevel } from "@yingji/contracts";
import type { Database } from "../../db/client.ts";
import type { ChannelAdapter, OutgoingMessage, SendResult } from "./channels/channel.ts";
import { emailAdapter } from "./channels/email.ts";
import { inAppAdapter } from "./channels/inapp.ts";
import { SmsSimulator } from "./channels/sms-simulator.ts";
import { smsAdapter } from "./channels/sms.ts";
import { webPushAdapter } from "./channels/webpush.ts";
import { backoffMs } from "./warnings.rules.ts";
import { expireWarnings } from "./warnings.service.ts";
import type { WarningSettings } from "./warnings.settings.ts";
import { escalateOverdue } from "./warnings.tracking.ts";

type Claimed = {
  id: number;
  warning_id: string;
  kind: "warning" | "escalation";
  revision: number;
  person_id: string;
  channel: WarningChannel;
  address: string | null;
  idempotency_key: string;
  attempts: number;
};

type Content = {
  level: WarningLevel;
  status: string;
  headline: string;
  instruction: string;
  description: string;
};

export interface Adapters {
  adapters: Map<WarningChannel, ChannelAdapter>;
  /** The in-process gateway simulator of demo mode, when SMS_GATEWAY_URL is "simulator". */
  simulator: SmsSimulator | null;
  close(): Promise<void>;
}

/** The adapters this installation can use (SMS, e-mail and push only when configured). */
export async function buildAdapters(database: Database, s: WarningSettings): Promise<Adapters> {
  const adapters = new Map<WarningChannel, ChannelAdapter>([["inapp", inAppAdapter]]);
  let simulator: SmsSimulator | null = null;
  if (s.sms) {
    let url = s.sms.url;
    if (url === "simulator") {
      simulator = new SmsSimulator();
      url = await simulator.start();
    }
    adapters.set("sms", smsAdapter({ ...s.sms, url, signature: s.signature, concurrency: s.concurrency, batch: s.sms.batch }));
  }
  if (s.smtpUrl) adapters.set("email", emailAdapter({ smtpUrl: s.smtpUrl, from: s.mailFrom, signature: s.signature, concurrency: s.concurrency }));
  if (s.vapid) adapters.set("webpush", webPushAdapter(database.db, s.vapid));
  return {
    adapters, simulator,
    async close() {
      for (const a of adapters.values()) await a.close?.().catch(() => {});
      await simulator?.stop();
    },
  };
}

/** Runs `fn` over `items` with at most `n` at a time. */
async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

/**
 * Claims up to `batch` due deliveries for this worker: queued ones whose time has come, and
 * 'sending' ones whose lease has passed (their worker died). Each claim counts as a try.
 */
export async function claimBatch(database: Database, workerId: string, s: WarningSettings, channels: WarningChannel[], now = new Date()): Promise<Claimed[]> {
  const { rows } = await database.db.execute<Claimed>(sql`
    with due as (
      select id from warning_deliveries
      where status in ('queued', 'sending') and next_attempt_at <= ${now}
        and (claimed_until is null or claimed_until < ${now})
        and channel = any(${`{${channels.join(",")}}`}::text[])
      order by next_attempt_at, id
      limit ${s.batchSize}
      for update skip locked)
    update warning_deliveries d
    set status = 'sending', claimed_until = ${new Date(now.getTime() + s.leaseSeconds * 1000)}, claimed_by = ${workerId}, attempts = d.attempts + 1
    from due where d.id = due.id
    returning d.id, d.warning_id, d.kind, d.revision, d.person_id, d.channel, d.address, d.idempotency_key, d.attempts`);
  return rows.map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts), revision: Number(r.revision) }));
}

async function contentOf(database: Database, claimed: Claimed[]): Promise<Map<string, Content>> {
  const keys = [...new Set(claimed.map((c) => `${c.warning_id}:${c.revision}`))];
  const out = new Map<string, Content>();
  for (const key of keys) {
    const [warningId, revision] = key.split(":");
    // The content as released in that revision (a later update must not change what an earlier message says).
    const { rows } = await database.db.execute<Content>(sql`
      select v.level, v.status, v.headline, v.instruction, v.description from warning_versions v where v.warning_id = ${warningId} and v.revision = ${Number(revision)}`);
    if (rows[0]) out.set(key, rows[0]);
  }
  return out;
}

/**
 * Records one outcome, only on a row this worker still holds. It is written right after the send,
 * before the slot takes the next message: a process killed at any moment leaves at most one
 * sent-but-unrecorded message per slot (WARNING_CONCURRENCY), which is what a crash can repeat.
 */
async function record(database: Database, workerId: string, s: WarningSettings, c: Claimed, r: SendResult, now = new Date()) {
  const held = sql`id = ${c.id} and status = 'sending' and claimed_by = ${workerId}`;
  if (r.ok && r.status === "delivered") {
    await database.db.execute(sql`update warning_deliveries set status = 'delivered', sent_at = coalesce(sent_at, ${now}), delivered_at = ${now}, claimed_until = null, last_error = null, provider_id = ${r.providerId ?? null} where ${held}`);
  } else if (r.ok) {
    await database.db.execute(sql`update warning_deliveries set status = 'sent', sent_at = ${now}, claimed_until = null, last_error = null, provider_id = ${r.providerId ?? null} where ${held}`);
  } else if (r.permanent || c.attempts >= s.maxAttempts) {
    await database.db.execute(sql`update warning_deliveries set status = 'failed', failed_at = ${now}, claimed_until = null, last_error = ${r.error} where ${held}`);
  } else {
    await database.db.execute(sql`update warning_deliveries set status = 'queued', next_attempt_at = ${new Date(now.getTime() + backoffMs(c.attempts, s.retryBaseSeconds))}, claimed_until = null, last_error = ${r.error} where ${held}`);
  }
}

/** The outcomes of one gateway request: the delivered ones in one statement, the rest one by one. */
async function recordAll(database: Database, workerId: string, s: WarningSettings, results: { c: Claimed; r: SendResult }[], now = new Date()) {
  const delivered = results.filter((x) => x.r.ok && x.r.status === "delivered");
  if (delivered.length > 1) {
    await database.db.execute(sql`update warning_deliveries set status = 'delivered', sent_at = coalesce(sent_at, ${now}), delivered_at = ${now}, claimed_until = null, last_error = null
      where id = any(${`{${delivered.map((x) => x.c.id).join(",")}}`}::bigint[]) and status = 'sending' and claimed_by = ${workerId}`);
  }
  for (const x of results) if (!(delivered.length > 1 && x.r.ok && x.r.status === "delivered")) await record(database, workerId, s, x.c, x.r, now);
}

/** In-app rows need no network: the whole claimed set is delivered in one statement. */
async function recordDelivered(database: Database, workerId: string, ids: number[], now = new Date()) {
  await database.db.execute(sql`update warning_deliveries set status = 'delivered', sent_at = ${now}, delivered_at = ${now}, claimed_until = null
    where id = any(${`{${ids.join(",")}}`}::bigint[]) and status = 'sending' and claimed_by = ${workerId}`);
}

/** One round: claim, send, record. Returns how many rows it handled. */
export async function dispatchOnce(database: Database, s: WarningSettings, a: Adapters, workerId: string): Promise<number> {
  const claimedAt = Date.now();
  const claimed = await claimBatch(database, workerId, s, [...a.adapters.keys()]);
  if (claimed.length === 0) return 0;
  // A message not started well inside the lease goes back to the queue unsent: past the lease another worker may hold it.
  const startBy = claimedAt + s.leaseSeconds * 1000 * 0.8;
  const inapp = claimed.filter((c) => c.channel === "inapp");
  if (inapp.length) await recordDelivered(database, workerId, inapp.map((c) => c.id));
  const outside = claimed.filter((c) => c.channel !== "inapp");
  const content = await contentOf(database, outside);
  const messageOf = (c: Claimed): OutgoingMessage | null => {
    const w = content.get(`${c.warning_id}:${c.revision}`);
    if (!w) return null;
    return {
      deliveryId: c.id, idempotencyKey: c.idempotency_key, personId: c.person_id, address: c.address, warningId: c.warning_id, kind: c.kind,
      level: w.level, status: w.status, headline: w.headline, instruction: w.instruction, description: w.description, link: `${s.publicUrl}/m/warnings/${c.warning_id}`,
    };
  };
  const handBack = (ids: number[]) => database.db.execute(sql`update warning_deliveries set status = 'queued', attempts = attempts - 1, claimed_until = null
    where id = any(${`{${ids.join(",")}}`}::bigint[]) and status = 'sending' and claimed_by = ${workerId}`);
  // Work units: one message, or one gateway request of several for an adapter that takes batches.
  const units: Claimed[][] = [];
  for (const [channel, adapter] of a.adapters) {
    const rows = outside.filter((c) => c.channel === channel);
    const size = adapter.sendBatch && adapter.batchSize ? adapter.batchSize : 1;
    for (let i = 0; i < rows.length; i += size) units.push(rows.slice(i, i + size));
  }
  const unknown = outside.filter((c) => !a.adapters.has(c.channel));
  for (const c of unknown) await record(database, workerId, s, c, { ok: false, error: "channel not available", permanent: true });
  await pool(units, s.concurrency, async (unit) => {
    if (Date.now() > startBy) return void (await handBack(unit.map((c) => c.id)));
    const adapter = a.adapters.get(unit[0].channel)!;
    const messages = unit.map(messageOf);
    const sendable = unit.filter((_, i) => messages[i]);
    for (const c of unit.filter((_, i) => !messages[i])) await record(database, workerId, s, c, { ok: false, error: "warning version not found", permanent: true });
    if (sendable.length === 0) return;
    let results: SendResult[];
    try {
      results = unit.length > 1 && adapter.sendBatch
        ? await adapter.sendBatch(sendable.map(messageOf) as OutgoingMessage[])
        : [await adapter.send(messageOf(sendable[0])!)];
    } catch (e) {
      results = sendable.map(() => ({ ok: false, error: (e as Error).message.slice(0, 500) }));
    }
    await recordAll(database, workerId, s, sendable.map((c, i) => ({ c, r: results[i] ?? { ok: false, error: "no result" } })));
  });
  return claimed.length;
}

/**
 * Starts the delivery worker and the scan (escalation, expiry) of this process. Wakes on
 * NOTIFY yingji_deliveries (written at release), and polls as a safety net.
 */
export async function startWarningWorkers(database: Database, s: WarningSettings, opts: { pollMs?: number; log?: (msg: string) => void } = {}) {
  const adapters = await buildAdapters(database, s);
  if (adapters.simulator) opts.log?.(`SMS: demo mode, in-process gateway simulator at ${adapters.simulator.url} (messages are counted, not sent; set SMS_GATEWAY_URL for a real gateway)`);
  const workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        do {
          again = false;
          while (!stopped && (await dispatchOnce(database, s, adapters, workerId)) > 0);
        } while (again && !stopped);
      } catch {
        /* the next tick retries (a broken connection, a database restart) */
      } finally {
        running = null;
      }
    })();
  };
  const poll = setInterval(kick, opts.pollMs ?? 500);
  poll.unref();
  let scanning = false;
  const scan = setInterval(() => {
    if (scanning || stopped) return;
    scanning = true;
    void Promise.all([escalateOverdue(database.db), expireWarnings(database.db)]).catch(() => {}).finally(() => (scanning = false));
  }, s.scanSeconds * 1000);
  scan.unref();

  let unlisten = async () => {};
  if (database.pglite) {
    unlisten = await database.pglite.listen("yingji_deliveries", kick);
  } else if (database.pool) {
    const client = new pg.Client(database.pool.options);
    client.on("notification", kick);
    client.on("error", () => {});
    await client.connect();
    await client.query("listen yingji_deliveries");
    unlisten = async () => {
      await client.end();
    };
  }
  kick();
  return {
    adapters,
    workerId,
    kick,
    /** Resolves when nothing is left to send now (for tests and the bench). */
    async drain() {
      kick();
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearInterval(poll);
      clearInterval(scan);
      await running;
      await unlisten().catch(() => {});
      await adapters.close();
    },
  };
}

export type WarningWorkers = Awaited<ReturnType<typeof startWarningWorkers>>;
