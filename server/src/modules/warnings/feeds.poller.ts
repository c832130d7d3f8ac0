/**
 * The feed poller: reads every due feed — a CAP document, or an Atom/RSS feed whose entries
 * link to CAP documents — and hands each CAP document to the warnings service, which stores
 * it as a warning received by the feed's owning unit, one alert per identifier and sender.
 *
 * Feeds are independent: each fetch has its own timeout and size limit, one feed's failure
 * (timeout, garbage, a refused document) is recorded on that feed and never stops the others,
 * and an entry that fails is retried at the next poll while the feed's other entries go on.
 * Several app processes share the work: a feed is claimed by moving its due time forward in a
 * `FOR UPDATE SKIP LOCKED` transaction before anything is fetched.
 *
 * Nothing is requested that feedUrlRefusal (feeds.rules.ts) refuses: redirects are followed by
 * hand so that each target is checked too, and a refused link fails its entry alone. No
 * connection goes to a loopback, private, link-local or metadata address (checked on the address
 * actually connected to) unless WARNING_FEED_PRIVATE_HOSTS names the host; every address that
 * cannot be reached, by policy or by the network, fails with the same words (FEED_UNREACHABLE).
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { XMLParser } from "fast-xml-parser";
import { CAP_MAX_BYTES, WARNING_FEED_LIMITS, type FeedPollResult } from "@yingji/contracts";
import type { Db } from "../../db/client.ts";
import { CapError } from "./cap/cap.ts";
import { blockedAddress, feedUrlRefusal, privateHostAllowed } from "./feeds.rules.ts";
import type { TrustedKey } from "./cap/signature.ts";
import { importCapDocument } from "./warnings.service.ts";
import type { FeedRow } from "./feeds.service.ts";
import { warningFeedEntries, warningFeeds } from "./feeds.table.ts";

export interface PollerOptions {
  /** Seconds one HTTP request (headers and body) may take. */
  timeoutSeconds: number;
  /** Feeds polled at once. */
  concurrency?: number;
  /** WARNING_FEED_HOSTS: where feeds, their links and redirects may point; empty: the feed's own origin only. */
  hosts: readonly string[];
  /** WARNING_FEED_PRIVATE_HOSTS: hosts that may resolve to loopback, private or link-local addresses; all others may not. */
  privateHosts?: readonly string[];
  /** CAP_TRUSTED_CERTS: keys the signatures of received alerts are verified against (none: "signed, not verified"). */
  trustedKeys?: readonly TrustedKey[];
}

/** Redirects followed for one request. */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

class FeedFetchError extends Error {}

/**
 * The one answer for every address the poller could not reach: refused by policy (loopback,
 * private, link-local, metadata), connection refused, no route, unknown name, TLS failure. One
 * text, so that a feed cannot be used to tell open ports or live hosts of the intranet apart.
 */
export const FEED_UNREACHABLE = "无法连接信息源（地址不可达或不允许访问）";

/** A name or address in a blocked range: never connected to. */
class BlockedAddress extends Error {}

/**
 * DNS lookup that refuses an answer in a blocked range. It runs when the socket connects, so the
 * address checked is the address used: a name that answers differently the second time (DNS
 * rebinding) is caught too. Any blocked address in the answer refuses the whole name.
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    const list = addresses as LookupAddress[];
    if (list.length === 0 || list.some((a) => blockedAddress(a.address))) return callback(new BlockedAddress(hostname), "", 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

/** Agents whose connections go through guardedLookup; hosts of WARNING_FEED_PRIVATE_HOSTS use plain ones. No keep-alive: each poll connects (and is checked) afresh. */
const AGENTS = {
  guarded: { "http:": new HttpAgent({ keepAlive: false, lookup: guardedLookup }), "https:": new HttpsAgent({ keepAlive: false, lookup: guardedLookup }) },
  plain: { "http:": new HttpAgent({ keepAlive: false }), "https:": new HttpsAgent({ keepAlive: false }) },
} as const;

/** One GET, no redirects followed; an IP literal is checked here (a socket to an address skips the lookup). */
function get(url: URL, headers: Record<string, string>, signal: AbortSignal, privateHosts: readonly string[]): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const scheme = url.protocol as "http:" | "https:";
    const allowed = privateHostAllowed(url, privateHosts);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (!allowed && isIP(host) !== 0 && blockedAddress(host)) return reject(new BlockedAddress(host));
    const req = (scheme === "https:" ? httpsRequest : httpRequest)(url, { method: "GET", headers, signal, agent: AGENTS[allowed ? "plain" : "guarded"][scheme] }, resolve);
    req.on("error", reject);
    req.end();
  });
}

/** `url`: where the answer came from after redirects (the base of the feed's relative links). */
interface Fetched { url: string; status: number; body: Buffer; etag: string | null; lastModified: string | null }

/** Why an address may not be requested, or null: checked before the first request and before each redirect. */
type Guard = (url: URL) => string | null;

const header = (res: IncomingMessage, name: string): string | null => {
  const v = res.headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
};

/**
 * GET with a deadline for the whole answer and a byte limit, read as a stream so a huge answer is
 * cut short; redirects are followed only where `guard` allows, and every connection only to an
 * address outside the blocked ranges (or to a WARNING_FEED_PRIVATE_HOSTS host).
 */
async function fetchLimited(url: string, limit: number, timeoutSeconds: number, guard: Guard, privateHosts: readonly string[], headers: Record<string, string> = {}): Promise<Fetched> {
  const signal = AbortSignal.timeout(timeoutSeconds * 1000);
  let target = new URL(url);
  const refused = guard(target);
  if (refused) throw new FeedFetchError(`已拒绝读取：${refused}`);
  try {
    let res: IncomingMessage;
    for (let hops = 0; ; hops++) {
      res = await get(target, {
        accept: "application/cap+xml, application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5", "user-agent": "Yingji-CAP-poller", ...headers,
      }, signal, privateHosts);
      const status = res.statusCode ?? 0;
      if (!REDIRECT_STATUSES.has(status)) break;
      res.destroy();
      const location = header(res, "location");
      if (!location) throw new FeedFetchError(`HTTP ${status} 重定向缺少 Location`);
      if (hops === MAX_REDIRECTS) throw new FeedFetchError(`重定向超过 ${MAX_REDIRECTS} 次`);
      try {
        target = new URL(location, target);
      } catch {
        throw new FeedFetchError(`HTTP ${status} 重定向到无效地址`);
      }
      const refusal = guard(target);
      if (refusal) throw new FeedFetchError(`已拒绝重定向到 ${target.href}：${refusal}`);
    }
    const status = res.statusCode ?? 0;
    const meta = { url: target.href, status, etag: header(res, "etag"), lastModified: header(res, "last-modified") };
    if (status === 304) {
      res.destroy();
      return { ...meta, body: Buffer.alloc(0) };
    }
    if (status < 200 || status > 299) {
      res.destroy();
      throw new FeedFetchError(`HTTP ${status}`);
    }
    const declared = Number(header(res, "content-length") ?? "0");
    if (declared > limit) {
      res.destroy();
      throw new FeedFetchError(`应答 ${declared} 字节，超过上限 ${limit} 字节`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        res.destroy();
        throw new FeedFetchError(`应答超过上限 ${limit} 字节`);
      }
      chunks.push(chunk as Buffer);
    }
    return { ...meta, body: Buffer.concat(chunks) };
  } catch (err) {
    if (err instanceof FeedFetchError) throw err;
    if (signal.aborted) throw new FeedFetchError(`${timeoutSeconds} 秒内未完成应答（超时）`);
    // Refused by policy or by the network: the same words (FEED_UNREACHABLE), nothing more.
    throw new FeedFetchError(FEED_UNREACHABLE);
  }
}

/** The document element's local name: alert (CAP), feed (Atom), rss or RDF (RSS); null when it is not XML. */
export function documentKind(body: Buffer): "cap" | "atom" | "rss" | null {
  const head = body.subarray(0, 4096).toString("utf8").replace(/^\uFEFF/, "");
  // Skips the declaration, comments and a DOCTYPE (which the CAP parser then refuses with its own code).
  const m = /^\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>\s*)*<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(head);
  if (!m) return null;
  const name = m[2];
  return name === "alert" ? "cap" : name === "feed" ? "atom" : name === "rss" || name === "RDF" ? "rss" : null;
}

const feedParser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: "@_", processEntities: false, parseTagValue: false, removeNSPrefix: true,
  isArray: (name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute && ["entry", "link", "item", "enclosure"].includes(name),
});

type Node = Record<string, unknown>;
const asNodes = (v: unknown): Node[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is Node => typeof x === "object" && x !== null);
const textOf = (v: unknown): string => (typeof v === "string" ? v : typeof v === "object" && v !== null ? String((v as Node)["#text"] ?? "") : "").trim();
const unescapeXml = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/**
 * Links to CAP documents in an Atom or RSS feed, absolute, in feed order, at most
 * WARNING_FEED_LIMITS.entriesPerPoll. Atom: a link typed application/cap+xml, else the
 * alternate link; RSS: a CAP enclosure, else the item's link. Whatever their scheme or host:
 * the poller refuses the ones it may not read, each with its reason.
 */
export function capLinks(body: Buffer, kind: "atom" | "rss", base: string): string[] {
  const text = body.toString("utf8");
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(text)) throw new FeedFetchError("订阅含 DOCTYPE 或实体声明，已拒绝");
  let tree: Node;
  try {
    tree = feedParser.parse(text, true) as Node;
  } catch (err) {
    throw new FeedFetchError(`不是格式正确的 XML：${(err as Error).message}`);
  }
  const hrefs: string[] = [];
  if (kind === "atom") {
    const feed = asNodes(tree.feed)[0];
    for (const entry of asNodes(feed?.entry)) {
      const links = asNodes(entry.link);
      const cap = links.find((l) => /cap\+xml/i.test(String(l["@_type"] ?? "")))
        ?? links.find((l) => !l["@_rel"] || l["@_rel"] === "alternate")
        ?? links[0];
      if (cap?.["@_href"]) hrefs.push(String(cap["@_href"]));
    }
  } else {
    const channel = asNodes(asNodes(tree.rss)[0]?.channel)[0] ?? asNodes(tree.RDF)[0];
    for (const item of asNodes(channel?.item)) {
      const enclosure = asNodes(item.enclosure).find((e) => /xml/i.test(String(e["@_type"] ?? "")));
      const link = enclosure?.["@_url"] ? String(enclosure["@_url"]) : textOf(Array.isArray(item.link) ? item.link[0] : item.link);
      if (link) hrefs.push(link);
    }
  }
  const links: string[] = [];
  for (const href of hrefs.slice(0, WARNING_FEED_LIMITS.entriesPerPoll)) {
    try {
      links.push(new URL(unescapeXml(href), base).toString());
    } catch {
      /* an entry without a usable link is skipped */
    }
  }
  return [...new Set(links)];
}

function describe(err: unknown): string {
  if (err instanceof CapError) return `CAP 文档被拒绝（${err.code}${err.path ? `，位置 ${err.path}` : ""}）：${err.message}`;
  return (err as Error).message ?? String(err);
}

/** Reads one feed now and records the outcome on its row. Never throws for a fault of the feed. */
export async function pollFeed(db: Db, feed: FeedRow, opts: PollerOptions): Promise<FeedPollResult> {
  const result: FeedPollResult = { feedId: feed.id, status: "ok", kind: null, documents: 0, imported: 0, duplicates: 0, errors: [], error: null };
  let validators: { etag: string | null; lastModified: string | null } = { etag: feed.etag, lastModified: feed.lastModified };
  const source = { kind: "feed" as const, feedId: feed.id, unitId: feed.orgUnitId, unitPath: feed.unitPath, senders: feed.senders };
  const importOne = async (xml: Buffer) => {
    result.documents++;
    // An Update or Cancel changes the alert it references (created: false, changed: true); each alert of an envelope is imported.
    const { warningId, created, changed } = await importCapDocument(db, source, xml, opts.trustedKeys);
    if (created || changed) result.imported++;
    else result.duplicates++;
    return warningId;
  };
  try {
    // Links and redirects stay on the feed's origin unless WARNING_FEED_HOSTS names where they may go.
    const origin = new URL(feed.url).origin;
    const guard: Guard = (url) => feedUrlRefusal(url, opts.hosts, origin);
    const privateHosts = opts.privateHosts ?? [];
    const conditional: Record<string, string> = {};
    if (feed.etag) conditional["if-none-match"] = feed.etag;
    if (feed.lastModified) conditional["if-modified-since"] = feed.lastModified;
    const fetched = await fetchLimited(feed.url, WARNING_FEED_LIMITS.feedBytes, opts.timeoutSeconds, guard, privateHosts, conditional);
    if (fetched.status === 304) {
      result.status = "not_modified";
    } else {
      validators = { etag: fetched.etag, lastModified: fetched.lastModified };
      const kind = documentKind(fetched.body);
      result.kind = kind;
      if (kind === null) throw new FeedFetchError("应答既不是 CAP 文档，也不是 Atom/RSS 订阅");
      if (kind === "cap") {
        if (fetched.body.length > CAP_MAX_BYTES) throw new FeedFetchError(`CAP 文档 ${fetched.body.length} 字节，超过上限 ${CAP_MAX_BYTES} 字节`);
        await importOne(fetched.body);
      } else {
        const links = capLinks(fetched.body, kind, fetched.url);
        const known = links.length === 0 ? [] : await db.select({ link: warningFeedEntries.link }).from(warningFeedEntries)
          .where(and(eq(warningFeedEntries.feedId, feed.id), inArray(warningFeedEntries.link, links)));
        const seen = new Set(known.map((k) => k.link));
        // Oldest first, so that an Update listed above its Alert finds the Alert stored.
        for (const link of links.filter((l) => !seen.has(l)).reverse()) {
          try {
            const doc = await fetchLimited(link, CAP_MAX_BYTES, opts.timeoutSeconds, guard, privateHosts);
            const warningId = await importOne(doc.body);
            await db.insert(warningFeedEntries).values({ feedId: feed.id, link, warningId }).onConflictDoNothing();
          } catch (err) {
            result.errors.push({ url: link, message: describe(err) });
          }
        }
      }
    }
  } catch (err) {
    result.status = "error";
    result.error = describe(err);
  }
  const failed = result.status === "error" || (result.errors.length > 0 && result.imported + result.duplicates === 0);
  await db.update(warningFeeds).set({
    lastPolledAt: new Date(),
    lastStatus: failed ? "error" : result.status,
    lastError: result.error ?? (result.errors.length ? result.errors.map((e) => `${e.url}: ${e.message}`).join("\n").slice(0, 2000) : null),
    consecutiveFailures: failed ? sql`${warningFeeds.consecutiveFailures} + 1` : 0,
    lastImported: result.imported,
    totalImported: sql`${warningFeeds.totalImported} + ${result.imported}`,
    // Keep the validators only when every entry was read: otherwise a 304 would hide the entries to retry.
    ...(result.status === "ok" && result.errors.length === 0 ? validators : {}),
  }).where(eq(warningFeeds.id, feed.id));
  if (failed && result.status !== "error") result.status = "error";
  return result;
}

/** Claims the feeds due now (moving each one's due time forward by its interval) so no other process polls them too. */
async function claimDueFeeds(db: Db, limit: number): Promise<FeedRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx.select().from(warningFeeds)
      .where(and(eq(warningFeeds.enabled, true), or(isNull(warningFeeds.nextPollAt), lte(warningFeeds.nextPollAt, sql`now()`))))
      .orderBy(asc(warningFeeds.nextPollAt)).limit(limit).for("update", { skipLocked: true });
    for (const feed of due) {
      await tx.update(warningFeeds).set({ nextPollAt: sql`now() + make_interval(secs => ${feed.intervalSeconds})` }).where(eq(warningFeeds.id, feed.id));
    }
    return due;
  });
}

/** Polls every feed that is due, side by side; the results in the order of claiming. */
export async function pollDueFeeds(db: Db, opts: PollerOptions): Promise<FeedPollResult[]> {
  const feeds = await claimDueFeeds(db, 100);
  const concurrency = opts.concurrency ?? 8;
  const results: FeedPollResult[] = new Array(feeds.length);
  let next = 0;
  const lane = async () => {
    while (next < feeds.length) {
      const i = next++;
      results[i] = await pollFeed(db, feeds[i]!, opts);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, feeds.length) }, lane));
  return results;
}

/** Polls due feeds every `tickSeconds` until stopped; a round still running is awaited by stop(). */
export function startFeedPoller(db: Db, opts: PollerOptions & { tickSeconds: number; onError?: (err: unknown) => void }): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = pollDueFeeds(db, opts).catch((err) => opts.onError?.(err)).finally(() => { running = null; });
  };
  const timer = setInterval(tick, opts.tickSeconds * 1000);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
