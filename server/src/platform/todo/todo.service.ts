/**
 * The owed-work engine's reading side: the caller's to-do list, gathered from every module's
 * providers (each bounded in time, so one slow module cannot hold the list up), and the
 * notification centre made from it — an item appended once per user the first time it is
 * computed for them, with the user's read marker and muted kinds.
 */
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { NotificationItem, NotificationList, TodoItem, TodoKind, TodoList } from "@yingji/contracts";
import { TODO_KINDS } from "@yingji/contracts";
import type { Db } from "../../db/client.ts";
import { auditBy, recordAudit } from "../audit.ts";
import type { Actor } from "../auth/actor.ts";
import type { AppContext, OwedItem, TodoProvider } from "../module.ts";
import { notificationMutes, notifications } from "./todo.table.ts";

/** A provider that has not answered within this long is left out of the answer (named in `incomplete`). */
export const PROVIDER_BUDGET_MS = 1_500;
/** At most this many items per provider: a list is for acting on, not for browsing. */
export const PROVIDER_MAX_ITEMS = 100;
/** The notification centre shows this many of the latest entries. */
const CENTRE_SIZE = 50;

const TIMEOUT = Symbol("timeout");

async function within<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof TIMEOUT>((resolve) => (timer = setTimeout(() => resolve(TIMEOUT), ms)));
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Overdue first, then the nearest deadline, then items without one; the key breaks ties so the order is stable. */
export function orderTodo(items: TodoItem[]): TodoItem[] {
  const due = (i: TodoItem) => (i.deadline ? Date.parse(i.deadline) : Number.POSITIVE_INFINITY);
  return [...items].sort((a, b) => Number(b.overdue) - Number(a.overdue) || due(a) - due(b) || a.key.localeCompare(b.key));
}

/** What one provider owes the caller, or TIMEOUT/an error (the list answers without it). */
async function owedBy(ctx: AppContext, p: TodoProvider, actor: Actor, now: Date, budgetMs: number): Promise<OwedItem[] | null> {
  try {
    const r = await within(p.owed(ctx, actor, now), budgetMs);
    return r === TIMEOUT ? null : r.slice(0, PROVIDER_MAX_ITEMS);
  } catch {
    return null;
  }
}

/**
 * The caller's to-do at `now`. Items done by reading leave once their notification is read;
 * new items are appended to the caller's notification centre.
 */
export async function todoFor(ctx: AppContext, providers: readonly TodoProvider[], actor: Actor, now = new Date(), budgetMs = PROVIDER_BUDGET_MS): Promise<TodoList> {
  const answers = await Promise.all(providers.map((p) => owedBy(ctx, p, actor, now, budgetMs)));
  const incomplete = providers.filter((_, i) => answers[i] === null).map((p) => p.name);
  const owed = answers.flatMap((a) => a ?? []);
  const readable = owed.filter((o) => o.doneWhenRead).map((o) => o.key);
  const read = new Set<string>();
  if (readable.length) {
    const rows = await ctx.db.select({ key: notifications.key }).from(notifications)
      .where(and(eq(notifications.userId, actor.id), inArray(notifications.key, readable), sql`${notifications.readAt} is not null`));
    for (const r of rows) read.add(r.key);
  }
  const open = owed.filter((o) => !read.has(o.key));
  await appendNotifications(ctx.db, actor.id, open);
  const items = open.map(({ doneWhenRead: _r, deadline, ...o }) => ({
    ...o, deadline: deadline?.toISOString() ?? null, overdue: !!deadline && deadline.getTime() < now.getTime(),
  }));
  return { items: orderTodo(items), incomplete, at: now.toISOString() };
}

/** Appends the items the caller has not been told of yet (one statement; a repeat appends nothing). */
async function appendNotifications(db: Db, userId: string, items: OwedItem[]) {
  if (items.length === 0) return;
  await db.insert(notifications).values(items.map((i) => ({
    userId, key: i.key, kind: i.kind, title: i.title, detail: i.detail, link: i.link, deadline: i.deadline,
  }))).onConflictDoNothing({ target: [notifications.userId, notifications.key] });
}

export async function mutedKinds(db: Db, userId: string): Promise<TodoKind[]> {
  const rows = await db.select({ kind: notificationMutes.kind }).from(notificationMutes).where(eq(notificationMutes.userId, userId));
  const known = new Set<string>(TODO_KINDS);
  return rows.map((r) => r.kind).filter((k): k is TodoKind => known.has(k));
}

/** Replaces the caller's muted kinds (a setting: audited like every other). */
export async function setMutedKinds(db: Db, actor: Actor, kinds: readonly TodoKind[]): Promise<TodoKind[]> {
  const before = await mutedKinds(db, actor.id);
  const unique = [...new Set(kinds)];
  await db.transaction(async (tx) => {
    await tx.delete(notificationMutes).where(eq(notificationMutes.userId, actor.id));
    if (unique.length) await tx.insert(notificationMutes).values(unique.map((kind) => ({ userId: actor.id, kind })));
    await recordAudit(tx, { ...auditBy(actor), action: "notifications.mute", entity: "user", entityId: actor.id, before: { kinds: before }, after: { kinds: unique } });
  });
  return mutedKinds(db, actor.id);
}

/** The latest entries of the caller's centre, after bringing it up to date with the to-do list. */
export async function notificationsFor(ctx: AppContext, providers: readonly TodoProvider[], actor: Actor, now = new Date()): Promise<NotificationList> {
  await todoFor(ctx, providers, actor, now);
  const muted = new Set<string>(await mutedKinds(ctx.db, actor.id));
  const rows = await ctx.db.select().from(notifications).where(eq(notifications.userId, actor.id)).orderBy(desc(notifications.id)).limit(CENTRE_SIZE);
  const { rows: counted } = await ctx.db.execute<{ n: number }>(sql`
    select count(*)::int as n from notifications where user_id = ${actor.id} and read_at is null
      and not (kind = any(${`{${[...muted].join(",")}}`}::text[]))`);
  const items: NotificationItem[] = rows.map((r) => ({
    id: String(r.id), key: r.key, kind: r.kind as TodoKind, title: r.title, detail: r.detail, link: r.link, deadline: r.deadline?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null, muted: muted.has(r.kind),
  }));
  return { items, unread: Number(counted[0]?.n ?? 0) };
}

/** Marks the caller's entries read (the given ones, or all); answers how many changed. */
export async function markNotificationsRead(db: Db, actor: Actor, ids: string[] | undefined, now = new Date()): Promise<number> {
  const rows = await db.update(notifications).set({ readAt: now })
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt), ids ? inArray(notifications.id, ids.map(Number)) : undefined))
    .returning({ id: notifications.id });
  return rows.length;
}
