/**
 * Web Push (VAPID) to every browser the person subscribed from; skipped when the VAPID keys are
 * not set. A subscription the push service reports gone (404/410) is removed.
 */
import { sql } from "drizzle-orm";
import webpush from "web-push";
import type { Db } from "../../../db/client.ts";
import type { ChannelAdapter, OutgoingMessage, SendResult } from "./channel.ts";

export function webPushAdapter(db: Db, vapid: { publicKey: string; privateKey: string; subject: string }): ChannelAdapter {
  return {
    channel: "webpush",
    async send(m: OutgoingMessage): Promise<SendResult> {
      const { rows } = await db.execute<{ id: string; endpoint: string; p256dh: string; auth: string }>(sql`
        select id, endpoint, p256dh, auth from warning_push_subscriptions where person_id = ${m.personId}`);
      if (rows.length === 0) return { ok: false, error: "no push subscription", permanent: true };
      const payload = JSON.stringify({ title: m.headline, body: m.instruction || m.description, url: m.link, warningId: m.warningId, level: m.level });
      let delivered = 0;
      let lastError = "";
      for (const s of rows) {
        try {
          await webpush.sendNotification({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, payload, {
            vapidDetails: vapid, TTL: 3600, headers: { Topic: m.idempotencyKey.replace(/[^A-Za-z0-9_-]/g, "").slice(-32) },
          });
          delivered++;
        } catch (e) {
          const status = (e as { statusCode?: number }).statusCode;
          if (status === 404 || status === 410) await db.execute(sql`delete from warning_push_subscriptions where id = ${s.id}`);
          lastError = (e as Error).message.slice(0, 300);
        }
      }
      return delivered > 0 ? { ok: true, status: "sent" } : { ok: false, error: lastError || "push failed" };
    },
  };
}
