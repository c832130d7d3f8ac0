/**
 * Warning feeds (预警信息源): addresses of CAP documents, or of Atom/RSS feeds whose entries link to
 * CAP documents, that the server polls at a set interval; each alert found is imported as a
 * warning received from above by the unit that owns the feed (same identifier and sender twice is
 * one alert of that unit).
 */
import { z } from "zod";
import { Id, Line, StandardColumns, Timestamp, Version } from "./common.ts";

export const WARNING_FEED_LIMITS = {
  name: 100,
  url: 2000,
  /** Shortest and longest polling interval, in seconds. */
  intervalMin: 10,
  intervalMax: 24 * 3600,
  intervalDefault: 300,
  /** Entries of one Atom/RSS feed read per poll (the newest first). */
  entriesPerPoll: 50,
  /** Largest Atom/RSS feed read, in bytes (a CAP document itself: CAP_MAX_BYTES). */
  feedBytes: 5 * 1024 * 1024,
  /** Trusted CAP senders of one feed, and the length of one. */
  senders: 20,
  sender: 200,
} as const;

/** ok: read (new alerts or none); not_modified: 304 from the server; error: the last poll failed (lastError says why). */
export const FEED_STATUSES = ["ok", "not_modified", "error"] as const;
export const FeedStatus = z.enum(FEED_STATUSES);
export type FeedStatus = z.infer<typeof FeedStatus>;

const FeedUrl = z.url({ protocol: /^https?$/ }).max(WARNING_FEED_LIMITS.url)
  .refine((u) => {
    try {
      const url = new URL(u);
      return url.username === "" && url.password === "";
    } catch {
      return true; // z.url() has said what is wrong with it
    }
  }, "地址不能含用户名或密码")
  .describe("http(s) address of a CAP document or of an Atom/RSS feed of CAP links, without credentials; on a WARNING_FEED_HOSTS host when that is set");

/** A CAP sender as the alerts spell it (CAP 1.2 sender, e.g. 32040041600000 or an address). */
const Sender = Line(WARNING_FEED_LIMITS.sender).min(1);

/** The fields of a feed without defaults, so that a partial update changes only what it names. */
const FeedFields = {
  name: Line(WARNING_FEED_LIMITS.name).min(1).describe("e.g. 常州市气象台"),
  url: FeedUrl,
  intervalSeconds: z.number().int().min(WARNING_FEED_LIMITS.intervalMin).max(WARNING_FEED_LIMITS.intervalMax).describe("seconds between polls (轮询间隔)"),
  enabled: z.boolean(),
  senders: z.array(Sender).max(WARNING_FEED_LIMITS.senders)
    .describe("CAP senders this feed is trusted for (可信发布者): only their alerts are read, and their Updates/Cancels may change their alerts however this unit received them. Empty: alerts of any sender, whose Updates/Cancels change only alerts this feed brought itself"),
};

export const CreateWarningFeedInput = z.strictObject({
  ...FeedFields,
  intervalSeconds: FeedFields.intervalSeconds.default(WARNING_FEED_LIMITS.intervalDefault),
  enabled: FeedFields.enabled.default(true),
  senders: FeedFields.senders.default([]),
});
export type CreateWarningFeedInput = z.infer<typeof CreateWarningFeedInput>;

export const UpdateWarningFeedInput = z.strictObject(FeedFields).partial().extend({ version: Version });
export type UpdateWarningFeedInput = z.infer<typeof UpdateWarningFeedInput>;

export const WarningFeed = z.object({
  id: Id,
  name: z.string(),
  url: z.string(),
  intervalSeconds: z.number().int(),
  enabled: z.boolean(),
  senders: z.array(z.string()),
  unitId: Id.describe("the unit that owns the feed: what it brings in are that unit's received warnings"),
  unitName: z.string(),
  lastPolledAt: Timestamp.nullable(),
  nextPollAt: Timestamp.nullable().describe("when the poller reads it next (null: at its next round)"),
  lastStatus: FeedStatus.nullable(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number().int().describe("failed polls in a row; the feed is retried at its interval whatever the count"),
  lastImported: z.number().int().describe("alerts new at the last poll"),
  totalImported: z.number().int().describe("alerts imported from this feed since it was added"),
  ...StandardColumns,
});
export type WarningFeed = z.infer<typeof WarningFeed>;

/** The outcome of one poll (also the answer of "poll now"). */
export const FeedPollResult = z.object({
  feedId: Id,
  status: FeedStatus,
  kind: z.enum(["cap", "atom", "rss"]).nullable().describe("what the address served"),
  documents: z.number().int().describe("CAP documents read"),
  imported: z.number().int().describe("new alerts (or Update/Cancel applied)"),
  duplicates: z.number().int().describe("alerts already stored (same identifier and sender)"),
  errors: z.array(z.object({ url: z.string(), message: z.string() })).describe("entries that failed; the others were still read"),
  error: z.string().nullable().describe("why the feed itself failed"),
});
export type FeedPollResult = z.infer<typeof FeedPollResult>;
