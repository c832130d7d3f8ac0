/**
 * The loop back (闭环): acknowledgement and response feedback of target units, escalation of
 * units that do not acknowledge in time (leader told in-app, call task for the duty officer),
 * the tracking figures, and a person's inbox.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type {
  AckWarningInput, CallTask, DeliveryStatus, WarningAck, WarningChannel, WarningFeedback, WarningFeedbackInput, WarningLevel, WarningStatus, WarningTracking,
} from "@yingji/contracts";
import { WARNING_CHANNELS } from "@yingji/contracts";
import type { Db, Q } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { SYSTEM } from "../../platform/auth/actor.ts";
import { notFound, unprocessable } from "../../platform/errors.ts";
import { emitEvent } from "../../platform/events.ts";
import { inScope, scopeCondition } from "../../platform/scope.ts";
import { unitsByIds } from "../org/units.service.ts";
import { effectiveStatus, maskAddress } from "./warnings.rules.ts";
import { warningVisible } from "./warnings.service.ts";
import { warningAcks, warningDeliveries, warningEscalations, warningFeedback, warningTargets, warnings } from "./warnings.table.ts";

async function targetOf(q: Q, actor: Actor, id: string) {
  const w = await warningVisible(q, actor, id);
  if (w.origin !== "issued" || w.revision === 0) throw unprocessable("not_target", "本单位不是该预警的发送对象");
  const [t] = await q.select().from(warningTargets).where(and(eq(warningTargets.warningId, id), eq(warningTargets.unitId, actor.unitId)));
  if (!t) throw unprocessable("not_target", "本单位不是该预警的发送对象");
  return { w, t };
}

function presentAck(a: typeof warningAcks.$inferSelect, unitName: string): WarningAck {
  return { warningId: a.warningId, unitId: a.unitId, unitName, at: a.at.toISOString(), byName: a.byName, note: a.note, late: a.late };
}

/** 已收到: once per unit; a repeat answers the first acknowledgement and writes nothing. */
export async function ackWarning(db: Db, actor: Actor, id: string, input: AckWarningInput, now = new Date()): Promise<{ ack: WarningAck; created: boolean }> {
  const { w, t } = await targetOf(db, actor, id);
  if (effectiveStatus(w.status as WarningStatus, w.expiresAt, now) === "cancelled") throw unprocessable("cancelled", "预警已解除");
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(warningAcks).where(and(eq(warningAcks.warningId, id), eq(warningAcks.unitId, actor.unitId)));
    if (existing) return { ack: presentAck(existing, actor.unitName), created: false };
    const [a] = await tx.insert(warningAcks).values({
      warningId: id, unitId: actor.unitId, unitPath: t.unitPath, at: now, byId: actor.id, byName: actor.displayName, note: input.note ?? null, late: now > t.dueAt,
    }).onConflictDoNothing().returning();
    if (!a) {
      const [again] = await tx.select().from(warningAcks).where(and(eq(warningAcks.warningId, id), eq(warningAcks.unitId, actor.unitId)));
      return { ack: presentAck(again, actor.unitName), created: false };
    }
    await recordAudit(tx, { ...auditBy(actor), action: "warnings.ack", entity: "warning", entityId: id, after: a });
    const data = { warningId: id, unitId: actor.unitId, unitName: actor.unitName, at: now.toISOString(), late: a.late };
    await emitEvent(tx, { type: "warning.acked", unitPath: w.unitPath, alsoPaths: [t.unitPath], data });
    return { ack: presentAck(a, actor.unitName), created: true };
  });
}

/** 响应措施: after the acknowledgement; each report is a new row. */
export async function addFeedback(db: Db, actor: Actor, id: string, input: WarningFeedbackInput, now = new Date()): Promise<WarningFeedback> {
  const { w, t } = await targetOf(db, actor, id);
  return db.transaction(async (tx) => {
    const [ack] = await tx.select({ id: warningAcks.id }).from(warningAcks).where(and(eq(warningAcks.warningId, id), eq(warningAcks.unitId, actor.unitId)));
    if (!ack) throw unprocessable("ack_first", "请先签收（已收到），再报告响应措施");
    const [f] = await tx.insert(warningFeedback).values({ warningId: id, unitId: actor.unitId, unitPath: t.unitPath, ...input, at: now, byId: actor.id, byName: actor.displayName }).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "warnings.feedback", entity: "warning", entityId: id, after: f });
    const data = { warningId: id, unitId: actor.unitId, unitName: actor.unitName, at: now.toISOString(), responseLevel: f.responseLevel };
    await emitEvent(tx, { type: "warning.feedback", unitPath: w.unitPath, alsoPaths: [t.unitPath], data });
    return {
      id: f.id, warningId: id, unitId: f.unitId, unitName: actor.unitName, at: f.at.toISOString(), byName: f.byName, measures: f.measures,
      responseLevel: f.responseLevel as WarningFeedback["responseLevel"], peopleSent: f.peopleSent, teamsSent: f.teamsSent, watchers: f.watchers,
    };
  });
}

export async function listFeedback(q: Q, actor: Actor, id: string): Promise<WarningFeedback[]> {
  const w = await warningVisible(q, actor, id);
  const own = inScope(actor, w.unitPath);
  const rows = await q.select().from(warningFeedback).where(and(eq(warningFeedback.warningId, id), own ? sql`true` : scopeCondition(warningFeedback.unitPath, actor))).orderBy(warningFeedback.at);
  const units = await unitsByIds(q, rows.map((r) => r.unitId));
  return rows.map((f) => ({
    id: f.id, warningId: id, unitId: f.unitId, unitName: units.get(f.unitId)?.name ?? "", at: f.at.toISOString(), byName: f.byName, measures: f.measures,
    responseLevel: f.responseLevel as WarningFeedback["responseLevel"], peopleSent: f.peopleSent, teamsSent: f.teamsSent, watchers: f.watchers,
  }));
}

const rate = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000);

/**
 * Coverage per channel (of the latest revision sent), acknowledgement and feedback per town and
 * unit, overdue units. The issuer's offices see every target; a target unit sees its own subtree.
 */
export async function warningTracking(q: Q, actor: Actor, id: string, now = new Date()): Promise<WarningTracking> {
  const w = await warningVisible(q, actor, id);
  const all = inScope(actor, w.unitPath);
  const scoped = (col: Parameters<typeof scopeCondition>[0]) => (all ? sql`true` : scopeCondition(col, actor));
  const targets = await q.select().from(warningTargets).where(and(eq(warningTargets.warningId, id), scoped(warningTargets.unitPath)));
  const { rows: rev } = await q.execute<{ r: number | null }>(sql`select max(revision) as r from warning_deliveries where warning_id = ${id} and kind = 'warning'`);
  const revision = Number(rev[0]?.r ?? w.revision);
  const { rows: counts } = await q.execute<{ channel: string; status: string; n: number }>(sql`
    select channel, status, count(*)::int as n from warning_deliveries
    where warning_id = ${id} and kind = 'warning' and revision = ${revision} and ${all ? sql`true` : sql`unit_path <@ ${actor.unitPath}::ltree`}
    group by channel, status`);
  const channels: WarningTracking["channels"] = [];
  for (const channel of WARNING_CHANNELS) {
    const of = (s: DeliveryStatus) => Number(counts.find((c) => c.channel === channel && c.status === s)?.n ?? 0);
    const total = counts.filter((c) => c.channel === channel).reduce((n, c) => n + Number(c.n), 0);
    if (total === 0) continue;
    const reached = of("sent") + of("delivered") + of("read");
    channels.push({ channel, total, queued: of("queued") + of("sending"), sent: of("sent"), delivered: of("delivered"), read: of("read"), failed: of("failed"), reachedRate: rate(reached, total) });
  }
  const acks = new Map((await q.select().from(warningAcks).where(eq(warningAcks.warningId, id))).map((a) => [a.unitId, a]));
  const { rows: fbs } = await q.execute<{ unit_id: string; at: Date }>(sql`select unit_id, max(at) as at from warning_feedback where warning_id = ${id} group by unit_id`);
  const feedback = new Map(fbs.map((f) => [f.unit_id, new Date(f.at)]));
  const escalations = new Map((await q.select().from(warningEscalations).where(eq(warningEscalations.warningId, id))).map((e) => [e.unitId, e]));
  const { rows: unitRows } = await q.execute<{ id: string; name: string; kind: string; lat: number | null; lon: number | null; duty_phone: string | null }>(
    sql`select id, name, kind, lat, lon, duty_phone from org_units where id = any(${`{${targets.map((t) => t.unitId).join(",")}}`}::uuid[])`,
  );
  const units = new Map(unitRows.map((u) => [u.id, u]));
  const townNames = await unitsByIds(q, targets.map((t) => t.townId).filter((x): x is string => !!x));
  const live = effectiveStatus(w.status as WarningStatus, w.expiresAt, now);
  const stillDue = live === "released" || live === "updated";
  const tracked = targets.map((t) => {
    const u = units.get(t.unitId);
    const ack = acks.get(t.unitId);
    return {
      unitId: t.unitId, name: u?.name ?? "", kind: u?.kind ?? "", townId: t.townId, lat: u?.lat ?? null, lon: u?.lon ?? null,
      dueAt: t.dueAt.toISOString(), ackedAt: ack?.at.toISOString() ?? null, feedbackAt: feedback.get(t.unitId)?.toISOString() ?? null,
      overdue: !ack && stillDue && t.dueAt < now, escalatedAt: escalations.get(t.unitId)?.createdAt.toISOString() ?? null, dutyPhone: u?.duty_phone ?? null,
    };
  }).sort((a, b) => Number(b.overdue) - Number(a.overdue) || Number(!!a.ackedAt) - Number(!!b.ackedAt) || a.name.localeCompare(b.name, "zh-CN"));
  const towns = new Map<string, WarningTracking["towns"][number]>();
  for (const t of tracked) {
    const key = t.townId ?? "";
    const row = towns.get(key) ?? { unitId: t.townId, name: t.townId ? townNames.get(t.townId)?.name ?? "" : "", units: 0, acked: 0, feedback: 0, overdue: 0, ackRate: 0, feedbackRate: 0 };
    row.units++;
    if (t.ackedAt) row.acked++;
    if (t.feedbackAt) row.feedback++;
    if (t.overdue) row.overdue++;
    towns.set(key, row);
  }
  for (const row of towns.values()) [row.ackRate, row.feedbackRate] = [rate(row.acked, row.units), rate(row.feedback, row.units)];
  const acked = tracked.filter((t) => t.ackedAt).length;
  const fed = tracked.filter((t) => t.feedbackAt).length;
  return {
    warningId: id, revision, channels,
    totals: { units: tracked.length, acked, feedback: fed, overdue: tracked.filter((t) => t.overdue).length, ackRate: rate(acked, tracked.length), feedbackRate: rate(fed, tracked.length) },
    towns: [...towns.values()].sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, "zh-CN")),
    units: tracked,
  };
}

export async function listDeliveries(q: Q, actor: Actor, id: string, query: { page: number; pageSize: number; channel?: WarningChannel; status?: DeliveryStatus }) {
  const w = await warningVisible(q, actor, id);
  const where = and(
    eq(warningDeliveries.warningId, id),
    inScope(actor, w.unitPath) ? sql`true` : scopeCondition(warningDeliveries.unitPath, actor),
    query.channel ? eq(warningDeliveries.channel, query.channel) : sql`true`,
    query.status ? eq(warningDeliveries.status, query.status) : sql`true`,
  );
  const { rows } = await q.execute<{ id: number; name: string; unit_name: string; channel: string; status: string; address: string | null; attempts: number; queued_at: Date; sent_at: Date | null; delivered_at: Date | null; failed_at: Date | null; read_at: Date | null; last_error: string | null }>(sql`
    select d.id, p.name, u.name as unit_name, d.channel, d.status, d.address, d.attempts, d.queued_at, d.sent_at, d.delivered_at, d.failed_at, d.read_at, d.last_error
    from warning_deliveries d join people p on p.id = d.person_id join org_units u on u.id = d.unit_id
    where d.id in (select id from warning_deliveries where ${where}) order by d.id limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`);
  const [{ n }] = (await q.execute<{ n: number }>(sql`select count(*)::int as n from warning_deliveries where ${where}`)).rows;
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    items: rows.map((r) => ({
      id: String(r.id), personName: r.name, unitName: r.unit_name, channel: r.channel as WarningChannel, status: r.status as DeliveryStatus, address: maskAddress(r.address),
      attempts: r.attempts, queuedAt: iso(r.queued_at)!, sentAt: iso(r.sent_at), deliveredAt: iso(r.delivered_at), failedAt: iso(r.failed_at), readAt: iso(r.read_at), lastError: r.last_error,
    })),
    total: Number(n), page: query.page, pageSize: query.pageSize,
  };
}

/**
 * Units past their acknowledgement deadline without one: escalated once each. Their leaders get an
 * in-app notice, the issuing unit a call task with the phone numbers, and the tracking page a red unit.
 */
export async function escalateOverdue(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ warning_id: string; unit_id: string; unit_path: string; due_at: Date; issuer_path: string; headline: string; level: string; revision: number }>(sql`
      select t.warning_id, t.unit_id, t.unit_path::text as unit_path, t.due_at, w.unit_path::text as issuer_path, w.headline, w.level, w.revision
      from warning_targets t join warnings w on w.id = t.warning_id
      where t.due_at < ${now} and w.status in ('released', 'updated') and w.expires_at > ${now} and w.origin = 'issued'
        and not exists (select 1 from warning_acks a where a.warning_id = t.warning_id and a.unit_id = t.unit_id)
        and not exists (select 1 from warning_escalations e where e.warning_id = t.warning_id and e.unit_id = t.unit_id)
      order by t.due_at limit 500
      for update of t skip locked`);
    for (const r of rows) {
      const { rows: phones } = await tx.execute<{ name: string; title: string | null; phone: string }>(sql`
        select name, title, phone from (
          select u.name, '值班电话' as title, u.duty_phone as phone, 0 as o from org_units u where u.id = ${r.unit_id} and u.duty_phone is not null
          union all
          select p.name, p.title, p.mobile as phone, p.sort + 1 as o from people p
          where p.unit_id = ${r.unit_id} and p.active and p.mobile is not null and (p.emergency_roles && '{commander,deputy,duty,liaison}'::text[] or p.is_liaison)
        ) x order by o`);
      const [e] = await tx.insert(warningEscalations).values({ warningId: r.warning_id, unitId: r.unit_id, unitPath: r.issuer_path, dueAt: new Date(r.due_at), phones, createdAt: now })
        .onConflictDoNothing().returning({ id: warningEscalations.id });
      if (!e) continue;
      // The unit's leaders are told in-app (the inbox and the live stream of their unit).
      await tx.execute(sql`
        insert into warning_deliveries (warning_id, revision, kind, person_id, unit_id, unit_path, channel, idempotency_key, status, next_attempt_at, queued_at)
        select ${r.warning_id}::uuid, ${r.revision}::int, 'escalation', p.id, p.unit_id, ${r.unit_path}::ltree, 'inapp', ${r.warning_id}::text || ':escalation:' || p.id::text, 'queued', ${now}::timestamptz, ${now}::timestamptz
        from people p where p.unit_id = ${r.unit_id} and p.active and p.emergency_roles && '{commander,deputy}'::text[]
        on conflict (idempotency_key) do nothing`);
      const data = { warningId: r.warning_id, unitId: r.unit_id, headline: r.headline, level: r.level, dueAt: new Date(r.due_at).toISOString(), callTaskId: e.id };
      await emitEvent(tx, { type: "warning.escalated", unitPath: r.issuer_path, alsoPaths: [r.unit_path], data });
      await recordAudit(tx, { ...auditBy(SYSTEM), action: "warnings.escalate", entity: "warning", entityId: r.warning_id, after: { unitId: r.unit_id, dueAt: r.due_at, callTaskId: e.id } });
    }
    if (rows.length) await tx.execute(sql`select pg_notify('yingji_deliveries', '')`);
    return rows.length;
  });
}

export async function listCallTasks(q: Q, actor: Actor, query: { open?: "true" | "false" }): Promise<CallTask[]> {
  const rows = await q.select({ e: warningEscalations, headline: warnings.headline, level: warnings.level }).from(warningEscalations)
    .innerJoin(warnings, eq(warnings.id, warningEscalations.warningId))
    .where(and(scopeCondition(warningEscalations.unitPath, actor), query.open === "true" ? isNull(warningEscalations.doneAt) : query.open === "false" ? sql`${warningEscalations.doneAt} is not null` : sql`true`))
    .orderBy(desc(warningEscalations.createdAt)).limit(500);
  const units = await unitsByIds(q, rows.map((r) => r.e.unitId));
  return rows.map(({ e, headline, level }) => ({
    id: e.id, warningId: e.warningId, headline, level: level as WarningLevel, unitId: e.unitId, unitName: units.get(e.unitId)?.name ?? "", dueAt: e.dueAt.toISOString(),
    createdAt: e.createdAt.toISOString(), phones: e.phones as CallTask["phones"], doneAt: e.doneAt?.toISOString() ?? null, doneNote: e.doneNote,
  }));
}

export async function closeCallTask(db: Db, actor: Actor, id: string, note: string) {
  await db.transaction(async (tx) => {
    const [e] = await tx.select().from(warningEscalations).where(eq(warningEscalations.id, id)).for("update");
    if (!e || !inScope(actor, e.unitPath)) throw notFound("催办任务");
    if (e.doneAt) throw unprocessable("done", "该催办任务已完成");
    await tx.update(warningEscalations).set({ doneAt: new Date(), doneBy: actor.id, doneNote: note }).where(eq(warningEscalations.id, id));
    await recordAudit(tx, { ...auditBy(actor), action: "warnings.call_done", entity: "warning_call_task", entityId: id, after: { note } });
  });
}

/** The caller's inbox: warnings released to their unit or sent to them in-app, newest first. */
export async function inbox(q: Q, actor: Actor, now = new Date()) {
  const person = actor.personId ?? "00000000-0000-0000-0000-000000000000";
  const { rows } = await q.execute<{ id: string; headline: string; level: string; status: string; expires_at: Date; released_at: Date | null; read_at: Date | null; acked: boolean }>(sql`
    select w.id, w.headline, w.level, w.status, w.expires_at, w.released_at,
      (select max(d.read_at) from warning_deliveries d where d.warning_id = w.id and d.person_id = ${person}::uuid and d.channel = 'inapp') as read_at,
      exists (select 1 from warning_acks a where a.warning_id = w.id and a.unit_id = ${actor.unitId}::uuid) as acked
    from warnings w
    where w.revision > 0 and (
      exists (select 1 from warning_targets t where t.warning_id = w.id and t.unit_id = ${actor.unitId}::uuid)
      or exists (select 1 from warning_deliveries d where d.warning_id = w.id and d.person_id = ${person}::uuid and d.channel = 'inapp'))
    order by w.released_at desc nulls last limit 200`);
  return rows.map((r) => ({
    warningId: r.id, headline: r.headline, level: r.level as WarningLevel, status: effectiveStatus(r.status as WarningStatus, new Date(r.expires_at), now),
    releasedAt: r.released_at ? new Date(r.released_at).toISOString() : null, readAt: r.read_at ? new Date(r.read_at).toISOString() : null, unitAcked: r.acked,
  }));
}

/** Opening a warning in the app marks the caller's in-app deliveries of it read. */
export async function markRead(db: Db, actor: Actor, id: string, now = new Date()): Promise<number> {
  await warningVisible(db, actor, id);
  if (!actor.personId) return 0;
  const { rows } = await db.execute<{ id: number }>(sql`
    update warning_deliveries set status = 'read', read_at = ${now}
    where warning_id = ${id} and person_id = ${actor.personId} and channel = 'inapp' and read_at is null and status <> 'failed' returning id`);
  return rows.length;
}
