/**
 * What the duty services share: units and people read through org's service functions,
 * the key periods that apply to a unit, and times in Asia/Shanghai for exports.
 */
import { and, gt, lt } from "drizzle-orm";
import type { DutyPerson } from "@yingji/contracts";
import type { Q } from "../../db/client.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { unprocessable } from "../../platform/errors.ts";
import { assertRefsInScope, inScope, PERSON_REF } from "../../platform/scope.ts";
import { contactsByIds } from "../org/people.service.ts";
import { listUnits, unitsByIds } from "../org/units.service.ts";
import type { StaffingRule, TimeSpan } from "./duty.rules.ts";
import { dutyKeyPeriods } from "./duty.table.ts";

export interface ScopedUnit {
  id: string;
  name: string;
  path: string;
  dutyPhone: string | null;
  active: boolean;
  kind: string;
}

/** Every unit in the caller's scope (inactive ones too: their history stays visible). */
export async function scopedUnits(q: Q, actor: Actor): Promise<Map<string, ScopedUnit>> {
  const units = await listUnits(q, actor, { includeInactive: "true" });
  return new Map(units.map((u) => [u.id, { id: u.id, name: u.name, path: u.path, dutyPhone: u.dutyPhone, active: u.active, kind: u.kind }]));
}

/** Key periods overlapping `span`, each with the path of the unit that declared it. */
export async function keyPeriodsDuring(q: Q, span: TimeSpan) {
  const rows = await q.select().from(dutyKeyPeriods).where(and(lt(dutyKeyPeriods.startsAt, span.endsAt), gt(dutyKeyPeriods.endsAt, span.startsAt)));
  const units = await unitsByIds(q, rows.map((r) => r.orgUnitId));
  return rows.flatMap((r) => {
    const u = units.get(r.orgUnitId);
    return u ? [{ ...r, unitPath: u.path }] : [];
  });
}

/** The staffing rules that bind a unit: periods declared by the unit or any unit above it. */
export function rulesFor(unitPath: string, periods: (StaffingRule & { unitPath: string })[]): StaffingRule[] {
  return periods.filter((p) => inScope({ unitPath: p.unitPath }, unitPath));
}

/** Validates people ids for a roster: each must lie in the caller's scope (else 404, as any id) and be active (else 422). */
export async function assertPeople(q: Q, actor: Actor, ids: string[], field: string): Promise<void> {
  await assertRefsInScope(q, actor, [[field, PERSON_REF, ids]]);
  const found = await contactsByIds(q, ids);
  const inactive = ids.find((id) => !found.get(id)?.active);
  if (inactive) throw unprocessable("person_inactive", `${field}: 人员 ${inactive} 已停用`, { field });
}

/** People by id as shown on a roster: phones masked as in the directory. */
export async function dutyPeople(q: Q, ids: string[]): Promise<Map<string, DutyPerson>> {
  const found = await contactsByIds(q, ids);
  return new Map([...found.values()].map((p) => [p.id, { id: p.id, name: p.name, title: p.title, mobile: p.mobile, officePhone: p.officePhone }]));
}

/** "2026-12-01 08:00" in Asia/Shanghai (fixed +08:00, no daylight saving). */
export function shanghaiText(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}
