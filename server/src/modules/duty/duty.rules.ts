/**
 * Pure rules of the duty module: shift times of a month, round-robin rotation under the
 * staffing rules of key periods, the pass/fail rule of a spot check and the random draw
 * of units to check. Defaults live here, once; they are data for the service.
 */
import { DUTY_LIMITS } from "@yingji/contracts";

/** Asia/Shanghai has had no daylight saving time since 1991: a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const SHIFT_MS = DUTY_LIMITS.shiftHours * 3600_000;

/** The pass rule of a spot check (抽查合格标准); a default an administrator may change. */
export const SPOT_CHECK_RULE = {
  /** The duty phone must be answered within this many seconds. */
  maxAnswerSeconds: 30,
  requireOfficer: true,
  requireLeader: true,
  requireLog: true,
};
export type SpotCheckRule = typeof SPOT_CHECK_RULE;

/** How much likelier a unit inside a key period is to be drawn. */
export const KEY_PERIOD_DRAW_WEIGHT = 3;

export interface TimeSpan {
  startsAt: Date;
  endsAt: Date;
}

export interface StaffingRule extends TimeSpan {
  minOfficers: number;
  leaderRequired: boolean;
}

export const overlaps = (a: TimeSpan, b: TimeSpan) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/** The end of a shift that starts at `startsAt`. */
export const shiftEnd = (startsAt: Date) => new Date(startsAt.getTime() + SHIFT_MS);

/** The month as an instant range in Asia/Shanghai: [first day 00:00, next month's first day 00:00). */
export function monthRange(month: string): TimeSpan {
  const [y, m] = month.split("-").map(Number);
  return {
    startsAt: new Date(Date.UTC(y, m - 1, 1) - SHANGHAI_OFFSET_MS),
    endsAt: new Date(Date.UTC(y, m, 1) - SHANGHAI_OFFSET_MS),
  };
}

/** One 24-hour shift per day of the month, each starting at `shiftStart` ("08:00") Shanghai time. */
export function monthShifts(month: string, shiftStart: string): TimeSpan[] {
  const [y, m] = month.split("-").map(Number);
  const [hh, mm] = shiftStart.split(":").map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => {
    const startsAt = new Date(Date.UTC(y, m - 1, i + 1, hh, mm) - SHANGHAI_OFFSET_MS);
    return { startsAt, endsAt: shiftEnd(startsAt) };
  });
}

/** The staffing a shift needs: the strictest rule of the key periods it overlaps. */
export function requiredStaffing(shift: TimeSpan, periods: StaffingRule[], base = 1): { minOfficers: number; leaderRequired: boolean } {
  let minOfficers = base;
  let leaderRequired = false;
  for (const p of periods) {
    if (!overlaps(shift, p)) continue;
    minOfficers = Math.max(minOfficers, p.minOfficers);
    leaderRequired ||= p.leaderRequired;
  }
  return { minOfficers, leaderRequired };
}

export type StaffingFault = { code: "too_few_officers"; need: number; have: number } | { code: "leader_required" };

/** What a shift's staff lacks under the key periods it overlaps (empty: nothing). */
export function staffingFaults(shift: TimeSpan & { officerIds: string[]; leaderId: string | null }, periods: StaffingRule[]): StaffingFault[] {
  const need = requiredStaffing(shift, periods);
  const faults: StaffingFault[] = [];
  if (shift.officerIds.length < need.minOfficers) faults.push({ code: "too_few_officers", need: need.minOfficers, have: shift.officerIds.length });
  if (need.leaderRequired && !shift.leaderId) faults.push({ code: "leader_required" });
  return faults;
}

export interface RotationInput {
  shifts: TimeSpan[];
  officers: string[];
  leaders: string[];
  officersPerShift: number;
  periods: StaffingRule[];
}

export type Rotation =
  | { ok: true; shifts: (TimeSpan & { officerIds: string[]; leaderId: string | null })[] }
  | { ok: false; code: "not_enough_officers" | "leader_required"; shiftIndex: number; need?: number };

/**
 * Round-robin rotation (轮班): officers take the shifts in the given order, as many per shift
 * as the base or the key periods need; leaders rotate one per shift. A shift that needs more
 * distinct officers than there are, or a leader when none is given, makes the whole month fail.
 */
export function rotate(input: RotationInput): Rotation {
  const { officers, leaders } = input;
  let cursor = 0;
  const out: (TimeSpan & { officerIds: string[]; leaderId: string | null })[] = [];
  for (const [i, s] of input.shifts.entries()) {
    const need = requiredStaffing(s, input.periods, input.officersPerShift);
    if (need.minOfficers > officers.length) return { ok: false, code: "not_enough_officers", shiftIndex: i, need: need.minOfficers };
    if (need.leaderRequired && leaders.length === 0) return { ok: false, code: "leader_required", shiftIndex: i };
    const officerIds = Array.from({ length: need.minOfficers }, (_, k) => officers[(cursor + k) % officers.length]);
    cursor = (cursor + need.minOfficers) % officers.length;
    out.push({ ...s, officerIds, leaderId: leaders.length ? leaders[i % leaders.length] : null });
  }
  return { ok: true, shifts: out };
}

export type SpotCheckFault = "not_answered" | "slow_answer" | "officer_absent" | "leader_absent" | "log_incomplete";

/** Passes when nothing in the rule is missed; the faults say what was. */
export function judgeSpotCheck(
  c: { answered: boolean; answerSeconds?: number | null; officerPresent: boolean; leaderPresent: boolean; logComplete: boolean },
  rule: SpotCheckRule = SPOT_CHECK_RULE,
): { passed: boolean; faults: SpotCheckFault[] } {
  const faults: SpotCheckFault[] = [];
  if (!c.answered) faults.push("not_answered");
  else if (c.answerSeconds != null && c.answerSeconds > rule.maxAnswerSeconds) faults.push("slow_answer");
  if (rule.requireOfficer && !c.officerPresent) faults.push("officer_absent");
  if (rule.requireLeader && !c.leaderPresent) faults.push("leader_absent");
  if (rule.requireLog && !c.logComplete) faults.push("log_incomplete");
  return { passed: faults.length === 0, faults };
}

/** A small seeded PRNG (mulberry32): the same seed draws the same units, for tests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws up to `count` distinct units at random, units in a key period weighted
 * KEY_PERIOD_DRAW_WEIGHT times, never one drawn in the previous draw (`lastDrawn`).
 */
export function drawUnits<T extends { unitId: string; inKeyPeriod: boolean }>(
  candidates: T[], count: number, lastDrawn: ReadonlySet<string>, random: () => number,
): T[] {
  const pool = candidates.filter((c) => !lastDrawn.has(c.unitId));
  const picked: T[] = [];
  while (picked.length < count && pool.length) {
    const weights = pool.map((c) => (c.inKeyPeriod ? KEY_PERIOD_DRAW_WEIGHT : 1));
    let r = random() * weights.reduce((a, b) => a + b, 0);
    let i = 0;
    while (i < pool.length - 1 && r >= weights[i]) r -= weights[i++];
    picked.push(pool.splice(i, 1)[0]);
  }
  return picked;
}

/**
 * Sign-in and sign-out (签到/签退) of one person on one shift: one sign-in, then one
 * sign-out after it. `mine` are the kinds of that person's earlier entries on the shift.
 */
export function signFault(kind: string, mine: readonly string[]): "already_signed_in" | "not_signed_in" | "already_signed_out" | null {
  if (kind === "sign_in") return mine.includes("sign_in") ? "already_signed_in" : null;
  if (kind === "sign_out") {
    if (!mine.includes("sign_in")) return "not_signed_in";
    return mine.includes("sign_out") ? "already_signed_out" : null;
  }
  return null;
}
