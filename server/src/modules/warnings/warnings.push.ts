/** Web Push subscriptions of signed-in users (the field app subscribes when the browser allows). */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { warningPushSubscriptions } from "./warnings.table.ts";

export async function addPushSubscription(db: Db, actor: Actor, sub: { endpoint: string; keys: { p256dh: string; auth: string } }) {
  // One row per browser endpoint: a browser that signs in as someone else moves its subscription to them.
  await db.insert(warningPushSubscriptions).values({ userId: actor.id, personId: actor.personId, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth })
    .onConflictDoUpdate({ target: warningPushSubscriptions.endpoint, set: { userId: actor.id, personId: actor.personId, p256dh: sub.keys.p256dh, auth: sub.keys.auth, createdAt: sql`now()` } });
}
