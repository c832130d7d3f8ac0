/**
 * The CAP feeds an administrator configures (预警信息源): list, add, change, remove. Polling:
 * feeds.poller.ts. A feed belongs to the adding administrator's unit and is seen and managed only
 * within that unit's scope: a town's administrator never reaches the district's feeds.
 */
import { asc, eq } from "drizzle-orm";
import type { CreateWarningFeedInput, FeedStatus, UpdateWarningFeedInput, WarningFeed } from "@yingji/contracts";
import type { Db, Q } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { badRequest, conflict } from "../../platform/errors.ts";
import { assertInScope, scopeCondition } from "../../platform/scope.ts";
import { feedAddressRefusal } from "./feeds.rules.ts";
import { unitsByIds } from "../org/units.service.ts";
import { warningFeeds } from "./feeds.table.ts";

export type FeedRow = typeof warningFeeds.$inferSelect;

export function presentFeed(r: FeedRow, unitName: string): WarningFeed {
  return {
    id: r.id, name: r.name, url: r.url, intervalSeconds: r.intervalSeconds, enabled: r.enabled, senders: r.senders, unitId: r.orgUnitId, unitName,
    lastPolledAt: r.lastPolledAt?.toISOString() ?? null, nextPollAt: r.nextPollAt?.toISOString() ?? null,
    lastStatus: (r.lastStatus as FeedStatus | null) ?? null, lastError: r.lastError, consecutiveFailures: r.consecutiveFailures,
    lastImported: r.lastImported, totalImported: r.totalImported,
    createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), version: r.version,
  };
}

/** The feed row, or 404 when it does not exist or lies outside the caller's subtree. */
export async function feedInScope(q: Q, actor: Actor, id: string): Promise<FeedRow> {
  const [row] = await q.select().from(warningFeeds).where(eq(warningFeeds.id, id));
  assertInScope(actor, row?.unitPath, "预警信息源");
  return row!;
}

/** Feeds with the names of their owning units. */
async function present(q: Q, rows: FeedRow[]): Promise<WarningFeed[]> {
  const units = await unitsByIds(q, [...new Set(rows.map((r) => r.orgUnitId))]);
  return rows.map((r) => presentFeed(r, units.get(r.orgUnitId)?.name ?? ""));
}

/** The feeds of the caller's subtree: the district's administrators see every unit's, a town's its own. */
export async function listFeeds(q: Q, actor: Actor): Promise<WarningFeed[]> {
  const rows = await q.select().from(warningFeeds).where(scopeCondition(warningFeeds.unitPath, actor)).orderBy(asc(warningFeeds.unitPath), asc(warningFeeds.name));
  return present(q, rows);
}

export async function getFeed(q: Q, actor: Actor, id: string): Promise<WarningFeed> {
  return (await present(q, [await feedInScope(q, actor, id)]))[0]!;
}

/** 400 naming url when the address is one the poller would refuse to read (`hosts`: WARNING_FEED_HOSTS). */
function assertFeedAddress(url: string, hosts: readonly string[]) {
  const refusal = feedAddressRefusal(url, hosts);
  if (refusal) throw badRequest("url", refusal);
}

export async function createFeed(db: Db, actor: Actor, input: CreateWarningFeedInput, hosts: readonly string[]): Promise<WarningFeed> {
  assertFeedAddress(input.url, hosts);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(warningFeeds).values({
      orgUnitId: actor.unitId, unitPath: actor.unitPath, name: input.name, url: input.url, intervalSeconds: input.intervalSeconds,
      enabled: input.enabled, senders: input.senders, nextPollAt: new Date(), createdBy: actor.id, updatedBy: actor.id,
    }).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "warnings.feed.create", entity: "warning_feed", entityId: row!.id, after: row });
    return (await present(tx, [row!]))[0]!;
  });
}

export async function updateFeed(db: Db, actor: Actor, id: string, input: UpdateWarningFeedInput, hosts: readonly string[]): Promise<WarningFeed> {
  await feedInScope(db, actor, id);
  if (input.url !== undefined) assertFeedAddress(input.url, hosts);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(warningFeeds).where(eq(warningFeeds.id, id)).for("update");
    if (before!.version !== input.version) throw conflict();
    const { version: _v, ...changes } = input;
    // A new address starts afresh: its cache validators and failure count belonged to the old one.
    const moved = changes.url !== undefined && changes.url !== before!.url;
    const [after] = await tx.update(warningFeeds).set({
      ...changes,
      ...(moved ? { etag: null, lastModified: null, consecutiveFailures: 0, lastError: null, lastStatus: null } : {}),
      ...(moved || (changes.enabled && !before!.enabled) ? { nextPollAt: new Date() } : {}),
      updatedAt: new Date(), updatedBy: actor.id, version: before!.version + 1,
    }).where(eq(warningFeeds.id, id)).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "warnings.feed.update", entity: "warning_feed", entityId: id, before, after });
    return (await present(tx, [after!]))[0]!;
  });
}

/** Removes a feed (configuration, not evidence: the alerts it brought stay, with their original XML). */
export async function deleteFeed(db: Db, actor: Actor, id: string): Promise<void> {
  await feedInScope(db, actor, id);
  await db.transaction(async (tx) => {
    const [before] = await tx.delete(warningFeeds).where(eq(warningFeeds.id, id)).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "warnings.feed.delete", entity: "warning_feed", entityId: id, before });
  });
}
