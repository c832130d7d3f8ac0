/**
 * Warnings: drafts, two-person release, update/extend/cancel/expire, reading, the preview of
 * targets, and CAP import (importCapDocument, also called by the feed poller).
 */
import { createHash, randomUUID } from "node:crypto";
import { and, count, desc, eq, exists, inArray, or, sql, type SQL } from "drizzle-orm";
import type {
  ApproveWarningInput, CancelWarningInput, CapAlert, CapSignatureState, CreateWarningInput, ImportCapAlertResult, ImportCapResult, ReviseWarningInput, UpdateDraftInput, Warning, WarningArea,
  WarningLevel, WarningListQuery, WarningOrigin, WarningPreview, WarningStatus, WarningSummary, WarningTargetSpec,
} from "@yingji/contracts";
import type { Db, Q, Tx } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { SYSTEM } from "../../platform/auth/actor.ts";
import { verifyTotp } from "../../platform/auth/totp.ts";
import { AppError, badRequest, conflict, notFound, unprocessable } from "../../platform/errors.ts";
import { users } from "../../platform/platform.table.ts";
import { assertRefsInScope, inScope, inSector, scopeCondition, sectorCondition, UNIT_REF } from "../../platform/scope.ts";
import { getIncidentType } from "../incidents/incident-types.service.ts";
import { unitInScope, unitsByIds } from "../org/units.service.ts";
import { CapError, readCapDocument, type CapDocumentAlert } from "./cap/cap.ts";
import type { TrustedKey } from "./cap/signature.ts";
import { warningDraftFromCap } from "./warnings.cap-map.ts";
import {
  announce, countRecipients, nextIdentifier, targetUnitsOf, unitNodes, usableChannels, writeDeliveries, writeTargets, writeVersion, type WarningRow,
} from "./warnings.release.ts";
import { effectiveStatus } from "./warnings.rules.ts";
import type { WarningSettings } from "./warnings.settings.ts";
import { warningAcks, warningFeedback, warningReceivedAlerts, warningTargets, warnings, warningVersions } from "./warnings.table.ts";

const ACTIVE = ["released", "updated"];

/**
 * A warning the caller may read: issued in their subtree, or released to a target unit in it,
 * or released for an incident type of their sector (the responsibility matrix). Otherwise 404.
 */
export async function warningVisible(q: Q, actor: { unitPath: string; unitId?: string }, id: string): Promise<WarningRow> {
  const [w] = await q.select().from(warnings).where(eq(warnings.id, id));
  if (!w) throw notFound("预警");
  if (inScope(actor, w.unitPath)) return w;
  if (w.revision > 0) {
    const [t] = await q.select({ id: warningTargets.id }).from(warningTargets).where(and(eq(warningTargets.warningId, id), scopeCondition(warningTargets.unitPath, actor))).limit(1);
    if (t) return w;
    if (actor.unitId && (await inSector(q, { unitId: actor.unitId }, w.incidentTypeId))) return w;
  }
  throw notFound("预警");
}

/** A warning the caller may change: issued in their own subtree (a target unit only reads it). */
async function warningOwned(tx: Tx, actor: Actor, id: string, version?: number): Promise<WarningRow> {
  const [w] = await tx.select().from(warnings).where(eq(warnings.id, id)).for("update");
  if (!w || !inScope(actor, w.unitPath)) throw notFound("预警");
  if (version !== undefined && w.version !== version) throw conflict();
  return w;
}

function checkPolygons(area: WarningArea) {
  area.polygons.forEach((ring, i) => {
    const [a, b] = [ring[0], ring[ring.length - 1]];
    if (a[0] !== b[0] || a[1] !== b[1]) throw badRequest(`area.polygons.${i}`, "多边形首尾坐标必须相同（闭合）");
  });
}

function checkTimes(effectiveAt: Date, expiresAt: Date) {
  if (expiresAt <= effectiveAt) throw badRequest("expiresAt", "失效时间必须晚于生效时间");
}

/**
 * Target and area units must lie in the issuing unit's subtree — the caller's unit for a new
 * draft, the warning's own unit for an edit (404 naming the field otherwise, like any row outside it).
 */
async function checkUnits(q: Q, issuer: { unitPath: string }, ids: string[], field: string) {
  await assertRefsInScope(q, issuer, [[field, UNIT_REF, ids]]);
}

async function checkContent(q: Q, issuer: { unitPath: string }, c: { incidentTypeId?: string | null; area?: WarningArea; targets?: WarningTargetSpec; effectiveAt: Date; expiresAt: Date }) {
  checkTimes(c.effectiveAt, c.expiresAt);
  if (c.area) checkPolygons(c.area);
  if (c.incidentTypeId && !(await getIncidentType(q, c.incidentTypeId))) throw badRequest("incidentTypeId", "事件类型不存在");
  if (c.area) await checkUnits(q, issuer, c.area.unitIds, "area.unitIds");
  if (c.targets) await checkUnits(q, issuer, c.targets.unitIds, "targets.unitIds");
}

export async function createWarning(db: Db, actor: Actor, input: CreateWarningInput): Promise<string> {
  const effectiveAt = new Date(input.effectiveAt);
  const expiresAt = new Date(input.expiresAt);
  await checkContent(db, actor, { ...input, effectiveAt, expiresAt });
  if (input.relayOfId) {
    const source = await warningVisible(db, actor, input.relayOfId);
    if (source.origin !== "received") throw badRequest("relayOfId", "只能转发上级（接收的）预警");
  }
  const own = await unitInScope(db, actor, actor.unitId);
  return db.transaction(async (tx) => {
    const [w] = await tx.insert(warnings).values({
      status: "draft", origin: "issued", level: input.level, incidentTypeId: input.incidentTypeId, headline: input.headline, description: input.description,
      instruction: input.instruction, area: input.area, targets: input.targets, effectiveAt, expiresAt, public: input.public, exercise: input.exercise,
      unitId: own.id, unitPath: own.path, relayOfId: input.relayOfId ?? null, drafterId: actor.id, drafterName: actor.displayName, createdBy: actor.id, updatedBy: actor.id,
    }).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "warnings.draft", entity: "warning", entityId: w.id, after: w });
    return w.id;
  });
}

export async function updateDraft(db: Db, actor: Actor, id: string, input: UpdateDraftInput): Promise<void> {
  await db.transaction(async (tx) => {
    const w = await warningOwned(tx, actor, id, input.version);
    if (w.status !== "draft") throw unprocessable("not_draft", "只能修改草稿；已提交的预警请先退回");
    const { version: _v, ...changes } = input;
    const effectiveAt = changes.effectiveAt ? new Date(changes.effectiveAt) : w.effectiveAt;
    const expiresAt = changes.expiresAt ? new Date(changes.expiresAt) : w.expiresAt;
    await checkContent(tx, w, { ...changes, effectiveAt, expiresAt });
    const [after] = await tx.update(warnings).set({
      ...changes, effectiveAt, expiresAt, updatedAt: new Date(), updatedBy: actor.id, version: sql`${warnings.version} + 1`,
    }).where(eq(warnings.id, id)).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "warnings.update_draft", entity: "warning", entityId: id, before: w, after });
  });
}

export async function submitWarning(db: Db, actor: Actor, id: string, version: number) {
  await db.transaction(async (tx) => {
    const w = await warningOwned(tx, actor, id, version);
    if (w.status !== "draft") throw unprocessable("not_draft", "只能提交草稿");
    if ((w.targets as WarningTargetSpec).unitIds.length === 0 && !(w.targets as WarningTargetSpec).inArea) throw unprocessable("no_targets", "请选择发送对象");
    await tx.update(warnings).set({ status: "pending_approval", rejectNote: null, updatedAt: new Date(), updatedBy: actor.id, version: sql`${warnings.version} + 1` }).where(eq(warnings.id, id));
    await recordAudit(tx, { ...auditBy(actor), action: "warnings.submit", entity: "warning", entityId: id, before: { status: w.status }, after: { status: "pending_approval" } });
  });
}

export async function rejectWarning(db: Db, actor: Actor, id: string, version: number, note: string) {
  await db.transaction(async (tx) => {
    const w = await warningOwned(tx, actor, id, version);
    if (w.status !== "pending_approval") throw unprocessable("not_pending", "只能退回待签发的预警");
    await tx.update(warnings).set({ status: "draft", rejectNote: note, updatedAt: new Date(), updatedBy: actor.id, version: sql`${warnings.version} + 1` }).where(eq(warnings.id, id));
    await recordAudit(tx, { ...auditBy(actor), action: "warnings.reject", entity: "warning", entityId: id, before: { status: w.status }, after: { status: "draft", note } });
  });
}

/**
 * The second factor of a release, update or cancel: with REQUIRE_2FA the actor gives a current
 * TOTP code, verified like at sign-in (each time step used once).
 */
async function checkSecondFactor(tx: Tx, s: WarningSettings, actor: Actor, code: string | undefined, now: Date) {
  if (!s.require2fa) return;
  const [u] = await tx.select({ secret: users.totpSecret, enabled: users.totpEnabled, lastStep: users.totpLastStep }).from(users).where(eq(users.id, actor.id)).for("update");
  if (!u?.enabled || !u.secret) throw unprocessable("totp_not_enrolled", "签发预警需要先绑定动态口令");
  if (!code) throw unprocessable("totp_required", "签发预警需要输入动态口令", { field: "totp" });
  const step = verifyTotp(u.secret, code, u.lastStep, now.getTime());
  if (step === null) throw unprocessable("totp_invalid", "动态口令错误", { field: "totp" });
  await tx.update(users).set({ totpLastStep: step }).where(eq(users.id, actor.id));
}

/** Two-person release (签发): the approver is not the drafter; targets and every delivery row in the same transaction. */
export async function approveWarning(db: Db, s: WarningSettings, actor: Actor, id: string, input: ApproveWarningInput, now = new Date()) {
  return db.transaction(async (tx) => {
    const w = await warningOwned(tx, actor, id, input.version);
    if (w.status !== "pending_approval") throw unprocessable("not_pending", "只能签发已提交待签发的预警");
    if (w.drafterId === actor.id) throw unprocessable("same_person", "签发人不能是拟稿人（双人签发）");
    if (w.expiresAt <= now) throw unprocessable("expired", "失效时间已过，无法签发");
    await checkSecondFactor(tx, s, actor, input.totp, now);
    const identifier = await nextIdentifier(tx, s, now);
    const [released] = await tx.update(warnings).set({
      status: "released", revision: 1, identifier, sender: s.cap.sender, approverId: actor.id, approverName: actor.displayName, releasedAt: now,
      updatedAt: now, updatedBy: actor.id, version: sql`${warnings.version} + 1`,
    }).where(eq(warnings.id, id)).returning();
    await writeVersion(tx, released, "release", { id: actor.id, name: actor.displayName }, null, now);
    const units = await writeTargets(tx, released, s, now);
    // The whole release rolls back: a warning that reaches nobody was not released.
    if (units === 0) throw unprocessable("no_targets", "发送对象为空：所选单位及预警区域内没有可发送的单位");
    const deliveries = await writeDeliveries(tx, released, 1, usableChannels(s, released.targets as WarningTargetSpec), now);
    await recordAudit(tx, { ...auditBy(actor), action: "warnings.release", entity: "warning", entityId: id, before: { status: w.status }, after: { status: "released", identifier, units, deliveries } });
    await announce(tx, released, "warning.released", {});
    return { units, deliveries };
  });
}

/** Update or extend a warning in force: a new version, sent again to every target person. */
export async function reviseWarning(db: Db, s: WarningSettings, actor: Actor, id: string, input: ReviseWarningInput, now = new Date()) {
  await db.transaction(async (tx) => {
    const w = await warningOwned(tx, actor, id, input.version);
    if (w.origin !== "issued" || !ACTIVE.includes(effectiveStatus(w.status as WarningStatus, w.expiresAt, now))) throw unprocessable("not_active", "只能更新生效中的本级预警");
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : w.expiresAt;
    checkTimes(w.effectiveAt, expiresAt);
    if (expiresAt <= now) throw badRequest("expiresAt", "失效时间必须晚于当前时间");
    await checkSecondFactor(tx, s, actor, input.totp, now);
    const identifier = await nextIdentifier(tx, s, now);
    const [after] = await tx.update(warnings).set({
      status: "updated", revision: w.revision + 1, identifier, level: input.level ?? w.level, headline: input.headline ?? w.headline,
      description: input.description ?? w.description, instruction: input.instruction ?? w.instruction, expiresAt,
      updatedAt: now, updatedBy: actor.id, version: sql`${warnings.version} + 1`,
    }).where(eq(warnings.id, id)).returning();
    await writeVersion(tx, after, "update", { id: actor.id, name: actor.displayName }, input.note, now);
    const deliveries = await writeDeliveries(tx, after, after.revision, usableChannels(s, after.targets as WarningTargetSpec), now);
    await recordAudit(tx, { ...auditBy(actor), action: "warnings.revise", entity: "warning", entityId: id, before: w, after: { ...after, deliveries } });
    await announce(tx, after, "warning.updated", { note: input.note });
  });
}

/** Cancel (解除): a last version; every target person is told. */
export async function cancelWarning(db: Db, s: WarningSettings, actor: Actor, id: string, input: CancelWarningInput, now = new Date()) {
  await db.transaction(async (tx) => {
    const w = await warningOwned(tx, actor, id, input.version);
    const status = effectiveStatus(w.status as WarningStatus, w.expiresAt, now);
    if (status === "cancelled" || status === "expired") throw unprocessable("not_active", "预警已解除或已失效");
    await checkSecondFactor(tx, s, actor, input.totp, now);
    if (w.revision === 0) {
      // A draft that was never released is withdrawn: nothing was sent, nothing to tell.
      await tx.update(warnings).set({ status: "cancelled", updatedAt: now, updatedBy: actor.id, version: sql`${warnings.version} + 1` }).where(eq(warnings.id, id));
      await recordAudit(tx, { ...auditBy(actor), action: "warnings.withdraw", entity: "warning", entityId: id, before: { status: w.status }, after: { status: "cancelled", note: input.note } });
      return;
    }
    const identifier = w.origin === "issued" ? await nextIdentifier(tx, s, now) : w.identifier;
    const [after] = await tx.update(warnings).set({
      status: "cancelled", revision: w.revision + 1, identifier, updatedAt: now, updatedBy: actor.id, version: sql`${warnings.version} + 1`,
    }).where(eq(warnings.id, id)).returning();
    await writeVersion(tx, after, "cancel", { id: actor.id, name: actor.displayName }, input.note, now);
    const deliveries = w.origin === "issued" ? await writeDeliveries(tx, after, after.revision, usableChannels(s, after.targets as WarningTargetSpec), now) : 0;
    await recordAudit(tx, { ...auditBy(actor), action: "warnings.cancel", entity: "warning", entityId: id, before: { status: w.status }, after: { status: "cancelled", note: input.note, deliveries } });
    await announce(tx, after, "warning.cancelled", { note: input.note });
  });
}

/** Marks warnings past their expiry as expired, with a version row each (the scan worker calls it; reads compute it anyway). */
export async function expireWarnings(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx.select().from(warnings).where(and(inArray(warnings.status, ACTIVE), sql`${warnings.expiresAt} <= ${now}`)).for("update", { skipLocked: true }).limit(100);
    for (const w of due) {
      const [after] = await tx.update(warnings).set({ status: "expired", revision: w.revision + 1, updatedAt: now, version: sql`${warnings.version} + 1` }).where(eq(warnings.id, w.id)).returning();
      await writeVersion(tx, after, "expire", { id: null, name: "system" }, null, now);
      await recordAudit(tx, { ...auditBy(SYSTEM), action: "warnings.expire", entity: "warning", entityId: w.id, before: { status: w.status }, after: { status: "expired" } });
    }
    return due.length;
  });
}

// ------------------------------------------------------------------ reading

export function presentSummary(w: WarningRow, unitName: string, now: Date): WarningSummary {
  return {
    id: w.id, version: w.version, revision: w.revision, status: effectiveStatus(w.status as WarningStatus, w.expiresAt, now), origin: w.origin as WarningOrigin,
    level: w.level as WarningLevel, incidentTypeId: w.incidentTypeId, headline: w.headline, effectiveAt: w.effectiveAt.toISOString(), expiresAt: w.expiresAt.toISOString(),
    public: w.public, exercise: w.exercise, unitId: w.unitId, unitName, identifier: w.identifier, sender: w.sender, senderName: w.senderName,
    releasedAt: w.releasedAt?.toISOString() ?? null, createdAt: w.createdAt.toISOString(), updatedAt: w.updatedAt.toISOString(),
  };
}

export async function getWarning(q: Q, actor: Actor, id: string, now = new Date()): Promise<Warning> {
  const w = await warningVisible(q, actor, id);
  const units = await unitsByIds(q, [w.unitId]);
  const versions = await q.select().from(warningVersions).where(eq(warningVersions.warningId, id)).orderBy(warningVersions.revision);
  const [mine] = await q.select().from(warningTargets).where(and(eq(warningTargets.warningId, id), eq(warningTargets.unitId, actor.unitId)));
  let myUnit: Warning["myUnit"] = null;
  if (mine) {
    const [ack] = await q.select({ at: warningAcks.at }).from(warningAcks).where(and(eq(warningAcks.warningId, id), eq(warningAcks.unitId, actor.unitId)));
    const [fb] = await q.select({ at: sql<Date>`max(${warningFeedback.at})` }).from(warningFeedback).where(and(eq(warningFeedback.warningId, id), eq(warningFeedback.unitId, actor.unitId)));
    myUnit = { unitId: actor.unitId, dueAt: mine.dueAt.toISOString(), ackedAt: ack?.at.toISOString() ?? null, feedbackAt: fb?.at ? new Date(fb.at).toISOString() : null };
  }
  // The signature shown is the latest received document's: an unsigned Update of a signed alert is shown unsigned.
  const [latest] = w.origin === "received"
    ? await q.select({ signature: warningReceivedAlerts.signature, note: warningReceivedAlerts.signatureNote }).from(warningReceivedAlerts)
      .where(eq(warningReceivedAlerts.warningId, id)).orderBy(desc(warningReceivedAlerts.receivedAt)).limit(1)
    : [];
  return {
    ...presentSummary(w, units.get(w.unitId)?.name ?? "", now),
    capSignature: (latest?.signature as CapSignatureState | undefined) ?? null, capSignatureNote: latest?.note ?? null,
    description: w.description, instruction: w.instruction, area: w.area as WarningArea, targets: w.targets as WarningTargetSpec,
    relayOfId: w.relayOfId, receivedAlertId: w.receivedAlertId, drafterId: w.drafterId, drafterName: w.drafterName, approverId: w.approverId, approverName: w.approverName,
    rejectNote: w.rejectNote,
    versions: versions.map((v) => ({
      revision: v.revision, kind: v.kind as Warning["versions"][number]["kind"], status: v.status as WarningStatus, level: v.level as WarningLevel, headline: v.headline,
      description: v.description, instruction: v.instruction, expiresAt: v.expiresAt.toISOString(), note: v.note, at: v.at.toISOString(), byName: v.byName,
    })),
    myUnit,
  };
}

/** Warnings visible to the caller: issued or received in their subtree, or released to a unit in it or for their sector. Newest first. */
export function visibleCondition(actor: { unitPath: string; unitId?: string }): SQL {
  return or(
    scopeCondition(warnings.unitPath, actor),
    and(sql`${warnings.revision} > 0`, exists(sql`(select 1 from warning_targets t where t.warning_id = ${warnings.id} and t.unit_path <@ ${actor.unitPath}::ltree)`)),
    actor.unitId ? and(sql`${warnings.revision} > 0`, sectorCondition(warnings.incidentTypeId, { unitId: actor.unitId })) : undefined,
  )!;
}

export async function listWarnings(q: Q, actor: Actor, query: WarningListQuery, now = new Date()) {
  const where: SQL[] = [visibleCondition(actor)];
  if (query.origin) where.push(eq(warnings.origin, query.origin));
  if (query.level) where.push(eq(warnings.level, query.level));
  const activeNow = and(inArray(warnings.status, ACTIVE), sql`${warnings.expiresAt} > ${now}`)!;
  if (query.active === "true" || query.status === "released" || query.status === "updated") where.push(activeNow);
  if (query.status === "expired") where.push(or(eq(warnings.status, "expired"), and(inArray(warnings.status, ACTIVE), sql`${warnings.expiresAt} <= ${now}`))!);
  else if (query.status) where.push(eq(warnings.status, query.status));
  const cond = and(...where);
  const rows = await q.select().from(warnings).where(cond).orderBy(desc(warnings.createdAt), desc(warnings.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  const units = await unitsByIds(q, rows.map((r) => r.unitId));
  const [{ n }] = await q.select({ n: count() }).from(warnings).where(cond);
  return { items: rows.map((r) => presentSummary(r, units.get(r.unitId)?.name ?? "", now)), total: n, page: query.page, pageSize: query.pageSize };
}

/** Before drafting: how many units and people the targets reach from the caller's unit, per channel and per town. */
export async function previewTargets(q: Q, s: WarningSettings, actor: Actor, spec: WarningTargetSpec, area: WarningArea): Promise<WarningPreview> {
  checkPolygons(area);
  await checkUnits(q, actor, spec.unitIds, "targets.unitIds");
  await checkUnits(q, actor, area.unitIds, "area.unitIds");
  const own = await unitInScope(q, actor, actor.unitId);
  return previewFrom(q, s, spec, area, own.path);
}

/** The preview of targets issued by the unit at `issuerPath`: what its release would reach (the same expansion, so the same clipping). */
async function previewFrom(q: Q, s: WarningSettings, spec: WarningTargetSpec, area: WarningArea, issuerPath: string): Promise<WarningPreview> {
  const all = await unitNodes(q);
  const targets = targetUnitsOf(all, spec, area, issuerPath);
  const counts = await countRecipients(q, targets.map((t) => t.id), spec.roles, usableChannels(s, spec));
  const byPath = new Map(all.map((u) => [u.path, u]));
  const towns = new Map<string, { unitId: string; name: string; units: number; people: number }>();
  for (const t of targets) {
    const town = byPath.get(t.path.split(".").slice(0, 2).join(".")) ?? byPath.get(t.path)!;
    const row = towns.get(town.id) ?? { unitId: town.id, name: town.name, units: 0, people: 0 };
    row.units++;
    row.people += counts.perUnit.get(t.id) ?? 0;
    towns.set(town.id, row);
  }
  return { units: targets.length, people: counts.people, channels: counts.channels, towns: [...towns.values()] };
}

/** A preview for an existing draft (its own area and targets). */
export async function previewWarning(q: Q, s: WarningSettings, actor: Actor, id: string): Promise<WarningPreview> {
  const w = await warningVisible(q, actor, id);
  if (!inScope(actor, w.unitPath)) throw notFound("预警");
  return previewFrom(q, s, w.targets as WarningTargetSpec, w.area as WarningArea, w.unitPath);
}

// ------------------------------------------------------------------ CAP import

/**
 * Where a CAP document came from. A feed's documents belong to the unit that owns the feed
 * (unitId, unitPath): they become that unit's received warnings and may change only those.
 * `senders`: the CAP senders the feed is trusted for (empty: any, see trustedFor).
 */
export type CapSource =
  | { kind: "feed"; feedId: string; unitId: string; unitPath: string; senders: readonly string[] }
  | { kind: "upload"; actor: Actor };

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/**
 * Whether a feed may apply an Update or Cancel of `sender` to `warningId`: it is trusted for the
 * sender when it lists it, or — listing none — when it brought that warning's alert itself. A
 * second feed of the same unit carrying a forged Cancel changes nothing.
 */
async function feedTrustedFor(tx: Q, source: Extract<CapSource, { kind: "feed" }>, sender: string, warningId: string): Promise<boolean> {
  if (source.senders.includes(sender)) return true;
  if (source.senders.length > 0) return false;
  const [brought] = await tx.select({ id: warningReceivedAlerts.id }).from(warningReceivedAlerts)
    .where(and(eq(warningReceivedAlerts.warningId, warningId), eq(warningReceivedAlerts.feedId, source.feedId))).limit(1);
  return !!brought;
}

async function unitIdsOfCodes(q: Q, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const { rows } = await q.execute<{ id: string }>(sql`select id from org_units where code = any(${`{${codes.map((c) => `"${c.replaceAll('"', "")}"`).join(",")}}`}::text[])`);
  return rows.map((r) => r.id);
}

async function incidentTypeOfCode(q: Q, code: string | null): Promise<string | null> {
  if (!code) return null;
  const { rows } = await q.execute<{ id: string }>(sql`select id from incident_types where code = ${code}`);
  return rows[0]?.id ?? null;
}

/**
 * Imports a received document: one CAP alert, or each alert of an EDXL-DE envelope (an alert of an
 * envelope that is refused is listed with its error; the others are imported). Throws CapError when
 * the document itself is refused or no alert of it could be imported.
 */
export async function importCapDocument(db: Db, source: CapSource, xml: Buffer, trusted: readonly TrustedKey[] = []): Promise<ImportCapResult & { changed: boolean }> {
  const doc = readCapDocument(xml, trusted);
  const alerts: ImportCapAlertResult[] = [];
  let firstError: CapError | null = null;
  let changed = false;
  for (const entry of doc.alerts) {
    const base = { path: entry.path, identifier: entry.alert?.identifier ?? null, sender: entry.alert?.sender ?? null, signature: entry.signature };
    try {
      if (entry.error) throw entry.error;
      const { warningId, created, changed: one } = await importAlert(db, source, entry);
      changed ||= one;
      alerts.push({ ...base, warningId, created, error: null });
    } catch (err) {
      if (!(err instanceof CapError)) throw err;
      firstError ??= err;
      alerts.push({ ...base, warningId: null, created: false, error: { code: err.code, path: err.path, message: err.message } });
    }
  }
  const first = alerts.find((a) => a.warningId);
  if (!first?.warningId) throw firstError!;
  return { warningId: first.warningId, created: alerts.some((a) => a.created), changed, alerts };
}

/**
 * Stores one received CAP alert (byte for byte) and shows it as a warning received by the unit
 * of its source: the feed's owning unit, or the uploader's unit. Each receiving unit keeps its
 * own copy: the same identifier and sender twice in one unit is one alert (created: false), and
 * what one unit received never blocks or changes another's.
 *
 * An Update or Cancel (CAP 1.2 §3.2.1 references) changes the unit's own received warning of a
 * reference of the same sender, and from a feed only when the feed is trusted for that sender
 * (feedTrustedFor; 422 cap_untrusted otherwise); references of other senders are ignored, and one
 * referencing nothing known becomes a warning of its own.
 */
async function importAlert(db: Db, source: CapSource, entry: CapDocumentAlert): Promise<{ warningId: string; created: boolean; changed: boolean }> {
  const alert: CapAlert = entry.alert!;
  const xml = entry.bytes;
  const who = auditBy(source.kind === "upload" ? source.actor : SYSTEM);
  const by = source.kind === "upload" ? { id: source.actor.id, name: source.actor.displayName } : { id: null, name: "CAP feed" };
  const home = source.kind === "upload" ? await unitInScope(db, source.actor, source.actor.unitId) : { id: source.unitId, path: source.unitPath };
  if (source.kind === "feed" && source.senders.length > 0 && !source.senders.includes(alert.sender)) {
    throw unprocessable("cap_untrusted", `发布者 ${alert.sender} 不在本信息源的可信发布者之内`);
  }
  const draft = warningDraftFromCap(alert);
  const areaUnitIds = await unitIdsOfCodes(db, draft.area.unitCodes);
  const incidentTypeId = await incidentTypeOfCode(db, draft.incidentTypeCode);
  const now = new Date();
  const ofHome = (sender: string, identifier: string) =>
    and(sql`${warningReceivedAlerts.unitPath} = ${home.path}::ltree`, eq(warningReceivedAlerts.sender, sender), eq(warningReceivedAlerts.identifier, identifier));
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cap:${home.path}:${alert.sender}:${alert.identifier}`}))`);
    const [seen] = await tx.select({ warningId: warningReceivedAlerts.warningId }).from(warningReceivedAlerts).where(ofHome(alert.sender, alert.identifier));
    if (seen?.warningId) return { warningId: seen.warningId, created: false, changed: false };
    const content = {
      level: draft.level, incidentTypeId, headline: draft.headline, description: draft.description, instruction: draft.instruction,
      area: { description: draft.area.description, polygons: draft.area.polygons, circles: draft.area.circles, unitIds: areaUnitIds } satisfies WarningArea,
      effectiveAt: draft.effectiveAt, expiresAt: draft.expiresAt > draft.effectiveAt ? draft.expiresAt : new Date(draft.effectiveAt.getTime() + 3_600_000),
      public: draft.public, exercise: draft.exercise, senderName: draft.senderName,
    };
    let target: WarningRow | undefined;
    if (alert.msgType === "Update" || alert.msgType === "Cancel") {
      // Only the sender's own earlier messages, as this unit received them.
      for (const ref of [...alert.references].reverse().filter((r) => r.sender === alert.sender)) {
        const [r] = await tx.select({ warningId: warningReceivedAlerts.warningId }).from(warningReceivedAlerts).where(ofHome(ref.sender, ref.identifier));
        if (r?.warningId) {
          [target] = await tx.select().from(warnings).where(eq(warnings.id, r.warningId)).for("update");
          break;
        }
      }
      if (target && (target.origin !== "received" || target.sender !== alert.sender || !inScope({ unitPath: home.path }, target.unitPath))) target = undefined;
      if (target && source.kind === "feed" && !(await feedTrustedFor(tx, source, alert.sender, target.id))) {
        throw unprocessable("cap_untrusted", `信息源不是发布者 ${alert.sender} 的可信来源，不能更新或解除其预警（可在信息源的可信发布者中列出）`);
      }
    }
    const newId = randomUUID();
    const [stored] = await tx.insert(warningReceivedAlerts).values({
      identifier: alert.identifier, sender: alert.sender, sent: alert.sent, msgType: alert.msgType, status: alert.status, xml, sha256: sha256(xml),
      signature: entry.signature, signatureNote: entry.signatureNote,
      warningId: target?.id ?? newId, feedId: source.kind === "feed" ? source.feedId : null, receivedBy: by.id, unitPath: target?.unitPath ?? home.path, receivedAt: now,
    }).returning({ id: warningReceivedAlerts.id });
    let w: WarningRow;
    let created: boolean;
    if (target) {
      const cancel = alert.msgType === "Cancel";
      [w] = await tx.update(warnings).set({
        ...(cancel ? {} : content), status: cancel ? "cancelled" : "updated", revision: target.revision + 1, identifier: alert.identifier,
        receivedAlertId: target.receivedAlertId, updatedAt: now, version: sql`${warnings.version} + 1`,
      }).where(eq(warnings.id, target.id)).returning();
      await writeVersion(tx, w, cancel ? "cancel" : "update", by, alert.note ?? null, now);
      await announce(tx, w, cancel ? "warning.cancelled" : "warning.updated", { origin: "received" });
      created = false;
    } else {
      const status: WarningStatus = alert.msgType === "Cancel" ? "cancelled" : alert.msgType === "Update" ? "updated" : "released";
      [w] = await tx.insert(warnings).values({
        id: newId, ...content, status, origin: "received", targets: { unitIds: [], inArea: false, roles: [], channels: ["inapp"] } satisfies WarningTargetSpec,
        unitId: home.id, unitPath: home.path, identifier: alert.identifier, sender: alert.sender, revision: 1, receivedAlertId: stored.id,
        releasedAt: new Date(alert.sent), createdBy: by.id, updatedBy: by.id,
      }).returning();
      await writeVersion(tx, w, "received", by, alert.note ?? null, now);
      await announce(tx, w, "warning.released", { origin: "received" });
      created = true;
    }
    await recordAudit(tx, { ...who, action: "warnings.import", entity: "warning", entityId: w.id, after: { identifier: alert.identifier, sender: alert.sender, msgType: alert.msgType, receivedAlertId: stored.id, created, signature: entry.signature, source: source.kind === "feed" ? source : "upload" } });
    return { warningId: w.id, created, changed: !created };
  });
}
