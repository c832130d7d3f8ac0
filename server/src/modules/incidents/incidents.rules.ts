/**
 * Pure rules of information reporting (rules.md): the level the figures suggest, and the
 * deadlines of a report chain with their state at a given `now`. No clock, no database:
 * the service passes the rules read from `incident_report_rules` and the time.
 */
import type { Deadline, IncidentFigures, IncidentLevel, ReportRuleKey } from "@yingji/contracts";

const SEVERITY: Record<IncidentLevel, number> = { I: 4, II: 3, III: 2, IV: 1 };

export interface LevelThreshold { level: IncidentLevel; dead: number; seriouslyInjured: number; directLoss: number }

/**
 * Work-safety accident levels (国务院令493号), the defaults of `incident_level_rules`; "以上"
 * includes the number. Below III is IV.
 */
export const DEFAULT_LEVEL_THRESHOLDS: readonly LevelThreshold[] = [
  { level: "I", dead: 30, seriouslyInjured: 100, directLoss: 100_000_000 },
  { level: "II", dead: 10, seriouslyInjured: 50, directLoss: 50_000_000 },
  { level: "III", dead: 3, seriouslyInjured: 10, directLoss: 10_000_000 },
];

type LevelFigures = Pick<IncidentFigures, "dead" | "seriouslyInjured" | "directLoss">;

/** The most serious level any figure reaches, with the figures that reached it, in words. */
export function suggestLevelWithReasons(f: LevelFigures, thresholds: readonly LevelThreshold[] = DEFAULT_LEVEL_THRESHOLDS): { level: IncidentLevel; reasons: string[] } {
  const ordered = [...thresholds].sort((a, b) => SEVERITY[b.level] - SEVERITY[a.level]);
  for (const t of ordered) {
    const reasons = [
      f.dead >= t.dead ? `死亡 ${f.dead} 人 ≥ ${t.dead}` : null,
      f.seriouslyInjured >= t.seriouslyInjured ? `重伤 ${f.seriouslyInjured} 人 ≥ ${t.seriouslyInjured}` : null,
      f.directLoss >= t.directLoss ? `直接经济损失 ${f.directLoss} 元 ≥ ${t.directLoss}` : null,
    ].filter((x): x is string => x !== null);
    if (reasons.length) return { level: t.level, reasons };
  }
  return { level: "IV", reasons: [] };
}

export const suggestLevel = (f: LevelFigures, thresholds: readonly LevelThreshold[] = DEFAULT_LEVEL_THRESHOLDS): IncidentLevel =>
  suggestLevelWithReasons(f, thresholds).level;

/** Thresholds must rise with the level on every figure (I above II above III). */
export function thresholdsOrdered(thresholds: readonly LevelThreshold[]): boolean {
  const by = new Map(thresholds.map((t) => [t.level, t]));
  const chain = (["III", "II", "I"] as const).map((l) => by.get(l)).filter((t): t is LevelThreshold => !!t);
  return chain.every((t, i) => i === 0 || (t.dead > chain[i - 1].dead && t.seriouslyInjured > chain[i - 1].seriouslyInjured && t.directLoss > chain[i - 1].directLoss));
}

/** True when `a` is a higher (more serious) level than `b`. */
export const moreSevere = (a: IncidentLevel, b: IncidentLevel) => SEVERITY[a] > SEVERITY[b];

/** Minutes per rule key, as stored in `incident_report_rules`. */
export const DEFAULT_RULES = {
  "initial_phone.I": 30,
  "initial_phone.II": 30,
  "initial.I": 60,
  "initial.II": 60,
  "initial.III": 60,
  "initial.IV": 120,
  "initial.sensitive": 120,
  forward: 120,
  "followup.I": 720,
  "followup.II": 720,
  "followup.III": 1440,
  "followup.IV": 1440,
  final: 7 * 24 * 60,
  casualty_supplement: 30 * 24 * 60,
} as const satisfies Record<ReportRuleKey, number>;
export type ReportRules = Record<ReportRuleKey, number>;

/** The rules from the table's rows; a key missing from the table keeps its default. */
export function rulesFromRows(rows: readonly { key: string; minutes: number }[]): ReportRules {
  const rules: ReportRules = { ...DEFAULT_RULES };
  for (const r of rows) if (r.key in rules) rules[r.key as ReportRuleKey] = r.minutes;
  return rules;
}

const addMinutes = (t: Date, minutes: number) => new Date(t.getTime() + minutes * 60_000);

/** The written initial report: by level, and sooner of that and the sensitive-event rule when sensitive. */
export function initialDeadline(rules: ReportRules, i: { level: IncidentLevel; sensitive: boolean; learnedAt: Date }): Date {
  const byLevel = rules[`initial.${i.level}`];
  return addMinutes(i.learnedAt, i.sensitive ? Math.min(byLevel, rules["initial.sensitive"]) : byLevel);
}

/** The phone report for levels I–II; none for III–IV. */
export function phoneDeadline(rules: ReportRules, i: { level: IncidentLevel; learnedAt: Date }): Date | null {
  return i.level === "I" || i.level === "II" ? addMinutes(i.learnedAt, rules[`initial_phone.${i.level}`]) : null;
}

export const forwardDeadline = (rules: ReportRules, arrivedAt: Date) => addMinutes(arrivedAt, rules.forward);
export const finalDeadline = (rules: ReportRules, responseEndedAt: Date) => addMinutes(responseEndedAt, rules.final);
export const followupInterval = (rules: ReportRules, level: IncidentLevel) => rules[`followup.${level}`];

/** Exactly on the deadline is on time. */
export const isLate = (doneAt: Date, dueAt: Date) => doneAt.getTime() > dueAt.getTime();

export interface ChainInput {
  level: IncidentLevel;
  sensitive: boolean;
  learnedAt: Date;
  phoneReportedAt: Date | null;
  responseEndedAt: Date | null;
  reports: readonly { id: string; kind: "initial" | "followup" | "final"; submittedAt: Date }[];
  /** Each step a report waits at a unit that must pass it up: when it arrived and when it left. */
  forwardSteps: readonly { reportId: string; arrivedAt: Date; forwardedAt: Date | null }[];
}

export interface DeadlineState {
  kind: Deadline["kind"];
  number: number | null;
  reportId: string | null;
  dueAt: Date;
  metAt: Date | null;
  status: Deadline["status"];
}

function state(kind: Deadline["kind"], dueAt: Date, metAt: Date | null, now: Date, number: number | null = null, reportId: string | null = null): DeadlineState {
  const status = metAt ? (isLate(metAt, dueAt) ? "late" : "met") : isLate(now, dueAt) ? "overdue" : "pending";
  return { kind, number, reportId, dueAt, metAt, status };
}

/** Enough for years of twice-daily follow-ups; a guard, not a rule. */
const MAX_FOLLOWUPS = 5000;

/**
 * Every deadline of the chain at `now`: the initial report (and the phone report for I–II),
 * each forwarding step, the follow-ups while the response runs (each one due an interval after
 * the report before it; only the first missing one is listed), and the final report once the
 * response has ended.
 */
export function computeDeadlines(input: ChainInput, rules: ReportRules, now: Date): DeadlineState[] {
  const out: DeadlineState[] = [];
  const initial = input.reports.find((r) => r.kind === "initial") ?? null;
  const final = input.reports.find((r) => r.kind === "final") ?? null;
  const followups = input.reports.filter((r) => r.kind === "followup").sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());

  const phone = phoneDeadline(rules, input);
  if (phone) out.push(state("initial_phone", phone, input.phoneReportedAt ?? initial?.submittedAt ?? null, now));
  const initialDue = initialDeadline(rules, input);
  out.push(state("initial", initialDue, initial?.submittedAt ?? null, now));

  for (const step of input.forwardSteps) out.push(state("forward", forwardDeadline(rules, step.arrivedAt), step.forwardedAt, now, null, step.reportId));

  // Follow-ups are owed while the response runs: until it ends, or until the final report.
  const endOfResponse = input.responseEndedAt ?? final?.submittedAt ?? null;
  let previous = initial?.submittedAt ?? initialDue;
  for (let n = 1; n <= MAX_FOLLOWUPS; n++) {
    const dueAt = addMinutes(previous, followupInterval(rules, input.level));
    const done = followups[n - 1] ?? null;
    if (!done && endOfResponse && dueAt.getTime() > endOfResponse.getTime()) break;
    out.push(state("followup", dueAt, done?.submittedAt ?? null, now, n));
    if (!done) break;
    previous = done.submittedAt;
  }

  if (input.responseEndedAt || final) {
    const ended = input.responseEndedAt ?? final!.submittedAt;
    out.push(state("final", finalDeadline(rules, ended), final?.submittedAt ?? null, now));
  }
  return out;
}

/** True when a deadline is due and still missing at `now`. */
export const hasOverdue = (deadlines: readonly DeadlineState[]) => deadlines.some((d) => d.status === "overdue");

/** The key of a deadline, unique within its incident: the overdue flag is raised once per key. */
export const deadlineKey = (d: Pick<DeadlineState, "kind" | "number" | "reportId">) => [d.kind, d.number ?? "", d.reportId ?? ""].join(":");

/**
 * The end of the casualty supplement window (493号 Art. 13): 30 days from the occurrence by
 * default, fewer for the incident types that set their own (7 for road traffic and fire).
 */
export function casualtyWindowEnd(rules: ReportRules, occurredAt: Date, typeDays: number | null): Date {
  return addMinutes(occurredAt, typeDays ? typeDays * 24 * 60 : rules.casualty_supplement);
}

type Casualties = Pick<IncidentFigures, "dead" | "missing" | "injured" | "seriouslyInjured">;
/** True when a report changes the casualties of the one before it. */
export const casualtiesChanged = (before: Casualties, after: Casualties) =>
  before.dead !== after.dead || before.missing !== after.missing || before.injured !== after.injured || before.seriouslyInjured !== after.seriouslyInjured;
