/**
 * Release of a warning version: the version row, the targets (first release) and every delivery
 * row, written in the caller's transaction; the workers send them afterwards.
 *
 * The recipients are chosen and the deliveries written in one set-based INSERT … SELECT over the
 * org module's people and units (a per-person call through the org service would take minutes
 * for a district-wide warning); that SQL is the one place this module reads org tables, and
 * only the columns named here.
 */
import { sql } from "drizzle-orm";
import type { TargetRole, WarningArea, WarningChannel, WarningLevel, WarningStatus, WarningTargetSpec } from "@yingji/contracts";
import type { Q, Tx } from "../../db/client.ts";
import { emitEvent } from "../../platform/events.ts";
import { ackDeadline, expandTargets, formatIdentifier, peopleRolesOf, townPathOf, type UnitNode } from "./warnings.rules.ts";
import { availableChannels, type WarningSettings } from "./warnings.settings.ts";
import { warnings, warningTargets, warningVersions } from "./warnings.table.ts";

export type WarningRow = typeof warnings.$inferSelect;

/** All active units with their location: the candidates of target expansion (a district has thousands at most). */
export async function unitNodes(q: Q): Promise<(UnitNode & { name: string; parentId: string | null })[]> {
  const { rows } = await q.execute<{ id: string; path: string; kind: string; lat: number | null; lon: number | null; name: string; parent_id: string | null }>(
    sql`select id, path::text as path, kind, lat, lon, name, parent_id from org_units where active`,
  );
  return rows.map((r) => ({ id: r.id, path: r.path, kind: r.kind, lat: r.lat, lon: r.lon, name: r.name, parentId: r.parent_id }));
}

export function targetUnitsOf(units: UnitNode[], spec: WarningTargetSpec, area: WarningArea, issuerPath: string): UnitNode[] {
  return expandTargets(units, spec, area, issuerPath);
}

/** The channels of a spec that this installation can use. */
export function usableChannels(s: WarningSettings, spec: WarningTargetSpec): WarningChannel[] {
  const can = availableChannels(s);
  return spec.channels.filter((c) => can.has(c));
}

/** SQL condition: person `p` holds one of the roles (empty: everybody). */
function roleCondition(roles: TargetRole[]) {
  if (roles.length === 0) return sql`true`;
  const people = peopleRolesOf(roles);
  const liaison = roles.includes("liaison");
  return sql`(p.emergency_roles && ${`{${people.join(",")}}`}::text[]${liaison ? sql` or p.is_liaison` : sql``})`;
}

/** SQL condition: person `p` has an address on channel `c.channel`. */
const addressCondition = sql`(c.channel = 'inapp'
  or (c.channel = 'sms' and coalesce(p.mobile, '') <> '')
  or (c.channel = 'email' and coalesce(p.email, '') <> '')
  or (c.channel = 'webpush' and exists (select 1 from warning_push_subscriptions s where s.person_id = p.id)))`;

/** Counts per channel for the preview: people with an address and the units they belong to. */
export async function countRecipients(q: Q, unitIds: string[], roles: TargetRole[], channels: WarningChannel[]) {
  if (unitIds.length === 0) return { people: 0, channels: [] as { channel: WarningChannel; people: number; units: number }[], perUnit: new Map<string, number>() };
  const ids = `{${unitIds.join(",")}}`;
  const { rows } = await q.execute<{ channel: string; people: number; units: number }>(sql`
    select c.channel, count(distinct p.id)::int as people, count(distinct p.unit_id)::int as units
    from people p cross join unnest(${`{${channels.join(",")}}`}::text[]) as c(channel)
    where p.active and p.unit_id = any(${ids}::uuid[]) and ${roleCondition(roles)} and ${addressCondition}
    group by c.channel`);
  const { rows: perUnit } = await q.execute<{ unit_id: string; n: number }>(sql`
    select p.unit_id, count(*)::int as n from people p where p.active and p.unit_id = any(${ids}::uuid[]) and ${roleCondition(roles)} group by p.unit_id`);
  const byChannel = new Map(rows.map((r) => [r.channel, r]));
  return {
    people: perUnit.reduce((n, r) => n + Number(r.n), 0),
    channels: channels.map((channel) => ({ channel, people: Number(byChannel.get(channel)?.people ?? 0), units: Number(byChannel.get(channel)?.units ?? 0) })),
    perUnit: new Map(perUnit.map((r) => [r.unit_id, Number(r.n)])),
  };
}

/** The next CAP identifier of our own messages (format, area and sender code are settings). */
export async function nextIdentifier(tx: Q, s: WarningSettings, now: Date): Promise<string> {
  const { rows } = await tx.execute<{ n: string }>(sql`select nextval('warning_identifier_seq')::text as n`);
  return formatIdentifier(s.cap.format, { area: s.cap.area, sender: s.cap.senderCode, time: now, seq: Number(rows[0].n) });
}

/** Writes the targets of a first release: one row per target unit with its acknowledgement deadline. */
export async function writeTargets(tx: Tx, w: WarningRow, s: WarningSettings, now: Date): Promise<number> {
  const units = await unitNodes(tx);
  const targets = targetUnitsOf(units, w.targets as WarningTargetSpec, w.area as WarningArea, w.unitPath);
  if (targets.length === 0) return 0;
  const byPath = new Map(units.map((u) => [u.path, u.id]));
  const dueAt = ackDeadline(w.level as WarningLevel, now, s.ackMinutes);
  for (let i = 0; i < targets.length; i += 1000) {
    await tx.insert(warningTargets).values(targets.slice(i, i + 1000).map((u) => ({
      warningId: w.id, unitId: u.id, unitPath: u.path, townId: byPath.get(townPathOf(u.path)) ?? null, dueAt,
    })));
  }
  return targets.length;
}

/**
 * One delivery row per target person and channel for `revision`, in one statement. The
 * idempotency key names the warning, revision, person and channel: a second insert of the same
 * fan-out writes nothing, and the gateway recognises a resend.
 */
export async function writeDeliveries(tx: Q, w: WarningRow, revision: number, channels: WarningChannel[], now: Date): Promise<number> {
  if (channels.length === 0) return 0;
  const spec = w.targets as WarningTargetSpec;
  const { rows } = await tx.execute<{ n: number }>(sql`
    with ins as (
      insert into warning_deliveries (warning_id, revision, kind, person_id, unit_id, unit_path, channel, address, idempotency_key, status, next_attempt_at, queued_at)
      select ${w.id}::uuid, ${revision}::int, 'warning', p.id, p.unit_id, t.unit_path, c.channel,
        case c.channel when 'sms' then p.mobile when 'email' then p.email else null end,
        ${w.id}::text || ':' || ${revision}::text || ':' || p.id::text || ':' || c.channel, 'queued', ${now}::timestamptz, ${now}::timestamptz
      from warning_targets t
      join people p on p.unit_id = t.unit_id and p.active
      cross join unnest(${`{${channels.join(",")}}`}::text[]) as c(channel)
      where t.warning_id = ${w.id}::uuid and ${roleCondition(spec.roles)} and ${addressCondition}
      on conflict (idempotency_key) do nothing
      returning 1)
    select count(*)::int as n from ins`);
  // Wake the workers of every process (delivered at commit).
  await tx.execute(sql`select pg_notify('yingji_deliveries', '')`);
  return Number(rows[0].n);
}

export type VersionKind = "release" | "update" | "cancel" | "expire" | "received";

/** Appends the version row of the warning's current content. */
export async function writeVersion(tx: Q, w: WarningRow, kind: VersionKind, by: { id: string | null; name: string | null }, note: string | null, at: Date) {
  await tx.insert(warningVersions).values({
    warningId: w.id, revision: w.revision, kind, status: w.status, identifier: w.identifier, level: w.level, headline: w.headline,
    description: w.description, instruction: w.instruction, area: w.area, effectiveAt: w.effectiveAt, expiresAt: w.expiresAt, note, at, byId: by.id, byName: by.name,
  });
}

/** Announces a change, once, to the issuer's subtree and every target unit's: each viewer gets it once. */
export async function announce(tx: Q, w: WarningRow, type: string, data: Record<string, unknown>) {
  const { rows } = await tx.execute<{ unit_path: string }>(sql`select unit_path::text as unit_path from warning_targets where warning_id = ${w.id}`);
  const payload = { warningId: w.id, headline: w.headline, level: w.level, status: w.status as WarningStatus, revision: w.revision, ...data };
  await emitEvent(tx, { type, unitPath: w.unitPath, alsoPaths: rows.map((r) => r.unit_path), data: payload });
}
