/**
 * The warnings module's Web Push, offered to the owed-work engine as a to-do alert channel: a
 * user's new to-do items go to every browser they subscribed from (the field app subscribes on
 * sign-in when the phone allows). Off when the VAPID keys are not set.
 */
import { sql } from "drizzle-orm";
import webpush from "web-push";
import { TODO_KIND_LABELS } from "@yingji/contracts";
import type { TodoAlertChannel } from "../../platform/module.ts";
import { warningSettings } from "./warnings.settings.ts";

/** Where the field app shows what a console link points at: a warning or an incident of its own, else its home. */
export function fieldPath(link: string): string {
  const m = /^\/(warnings|incidents)\/([0-9a-f-]{36})$/.exec(link);
  if (!m) return "/m/";
  return m[1] === "warnings" ? `/m/warnings/${m[2]}` : `/m/report/${m[2]}`;
}

/** Subscribed users per round, at most. */
const AUDIENCE = 1000;

export const todoPushChannel: TodoAlertChannel = {
  name: "webpush",
  async audience(ctx) {
    if (!warningSettings(ctx.config).vapid) return [];
    const { rows } = await ctx.db.execute<{ user_id: string }>(sql`select distinct user_id from warning_push_subscriptions limit ${AUDIENCE}`);
    return rows.map((r) => r.user_id);
  },
  async send(ctx, userId, alerts) {
    const s = warningSettings(ctx.config);
    if (!s.vapid) return;
    const { rows } = await ctx.db.execute<{ id: string; endpoint: string; p256dh: string; auth: string }>(sql`
      select id, endpoint, p256dh, auth from warning_push_subscriptions where user_id = ${userId}::uuid`);
    // One message per round: the newest item, and how many more wait.
    const first = alerts[0];
    const title = `${TODO_KIND_LABELS[first.kind].zh}：${first.title}`;
    const body = [first.detail, alerts.length > 1 ? `另有 ${alerts.length - 1} 项待办` : null].filter(Boolean).join("；");
    const payload = JSON.stringify({ title, body, path: fieldPath(first.link), kind: first.kind, todo: true });
    for (const sub of rows) {
      try {
        await webpush.sendNotification({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, payload, {
          vapidDetails: s.vapid, TTL: 3600, headers: { Topic: `todo${first.id}`.slice(0, 32) },
        });
      } catch (e) {
        const status = (e as { statusCode?: number }).statusCode;
        if (status === 404 || status === 410) await ctx.db.execute(sql`delete from warning_push_subscriptions where id = ${sub.id}`);
      }
    }
  },
};
