/**
 * New to-do items pushed to users away from the console: each round computes the to-do list of
 * every user a channel can reach (which appends their new entries to the notification centre),
 * then claims their entries not yet pushed — once each, with FOR UPDATE SKIP LOCKED, so several
 * app processes share the work — and hands the unmuted ones to the channels.
 */
import { sql } from "drizzle-orm";
import type { TodoKind } from "@yingji/contracts";
import type { Actor } from "../auth/actor.ts";
import type { AppContext, TodoAlert, TodoAlertChannel, TodoProvider, Worker } from "../module.ts";
import { mutedKinds, todoFor } from "./todo.service.ts";

/** Entries older than this when first claimed are not pushed (a phone subscribed today is not flooded with last week). */
const FRESH_MINUTES = 60;
/** Users per round: a bound on one round's work (the next round takes the rest). */
const MAX_USERS = 500;

/** The service-level actor of an active user (as a session would make it), or null. */
async function actorForUser(ctx: AppContext, userId: string): Promise<Actor | null> {
  const { rows } = await ctx.db.execute<{ id: string; username: string; display_name: string; role: string; unit_id: string; unit_name: string; unit_path: string; person_id: string | null }>(sql`
    select u.id, u.username, u.display_name, u.role, u.unit_id, o.name as unit_name, o.path::text as unit_path, u.person_id
    from users u join org_units o on o.id = u.unit_id where u.id = ${userId}::uuid and u.active`);
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id, username: r.username, displayName: r.display_name, role: r.role as Actor["role"], unitId: r.unit_id, unitName: r.unit_name, unitPath: r.unit_path,
    personId: r.person_id, totpEnabled: false, mustChangePassword: false, mustEnrollTotp: false, sessionId: "", csrfToken: "", ip: "",
  };
}

/** One round at `now`; answers how many entries went out. */
export async function pushNewTodo(ctx: AppContext, providers: readonly TodoProvider[], channels: readonly TodoAlertChannel[], now = new Date()): Promise<number> {
  let sent = 0;
  for (const channel of channels) {
    const users = (await channel.audience(ctx)).slice(0, MAX_USERS);
    for (const userId of users) {
      const actor = await actorForUser(ctx, userId);
      if (!actor) continue;
      await todoFor(ctx, providers, actor, now);
      const muted = new Set<TodoKind>(await mutedKinds(ctx.db, userId));
      const since = new Date(now.getTime() - FRESH_MINUTES * 60_000);
      const { rows } = await ctx.db.execute<{ id: number; kind: string; title: string; detail: string | null; link: string; deadline: Date | null; fresh: boolean; unread: boolean }>(sql`
        update notifications set pushed_at = ${now} where id in (
          select id from notifications where user_id = ${userId}::uuid and pushed_at is null order by id for update skip locked)
        returning id, kind, title, detail, link, deadline, created_at >= ${since} as fresh, read_at is null as unread`);
      const alerts: TodoAlert[] = rows
        .filter((r) => r.fresh && r.unread && !muted.has(r.kind as TodoKind))
        .map((r) => ({ id: String(r.id), kind: r.kind as TodoKind, title: r.title, detail: r.detail, link: r.link, deadline: r.deadline ? new Date(r.deadline) : null }));
      if (alerts.length === 0) continue;
      await channel.send(ctx, userId, alerts);
      sent += alerts.length;
    }
  }
  return sent;
}

/** Runs a round every `seconds` (0: never) until stopped; a failed round is logged and the next one goes on. */
export function startTodoAlerts(ctx: AppContext, providers: readonly TodoProvider[], channels: readonly TodoAlertChannel[], seconds: number, log: (err: unknown) => void): Worker {
  if (seconds <= 0 || channels.length === 0) return { async stop() {} };
  let running: Promise<unknown> | null = null;
  const round = () => {
    running ??= pushNewTodo(ctx, providers, channels).catch(log).finally(() => { running = null; });
  };
  const timer = setInterval(round, seconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
