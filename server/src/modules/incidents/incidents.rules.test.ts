import { describe, expect, it } from "vitest";
import {
  casualtiesChanged, casualtyWindowEnd, computeDeadlines, deadlineKey, DEFAULT_LEVEL_THRESHOLDS, DEFAULT_RULES, initialDeadline, isLate, moreSevere,
  phoneDeadline, rulesFromRows, suggestLevel, suggestLevelWithReasons, thresholdsOrdered, type ChainInput,
} from "./incidents.rules.ts";

const zero = { dead: 0, seriouslyInjured: 0, directLoss: 0 };
const at = (iso: string) => new Date(iso);
const MIN = 60_000;
const plus = (t: Date, minutes: number) => new Date(t.getTime() + minutes * MIN);
const rules = { ...DEFAULT_RULES };
const learned = at("2026-07-01T08:00:00+08:00");

describe("suggestLevel", () => {
  it("counts each threshold as included (以上) at every boundary", () => {
    expect(suggestLevel(zero)).toBe("IV");
    expect(suggestLevel({ ...zero, dead: 2 })).toBe("IV");
    expect(suggestLevel({ ...zero, dead: 3 })).toBe("III");
    expect(suggestLevel({ ...zero, dead: 9 })).toBe("III");
    expect(suggestLevel({ ...zero, dead: 10 })).toBe("II");
    expect(suggestLevel({ ...zero, dead: 29 })).toBe("II");
    expect(suggestLevel({ ...zero, dead: 30 })).toBe("I");
    expect(suggestLevel({ ...zero, seriouslyInjured: 9 })).toBe("IV");
    expect(suggestLevel({ ...zero, seriouslyInjured: 10 })).toBe("III");
    expect(suggestLevel({ ...zero, seriouslyInjured: 49 })).toBe("III");
    expect(suggestLevel({ ...zero, seriouslyInjured: 50 })).toBe("II");
    expect(suggestLevel({ ...zero, seriouslyInjured: 99 })).toBe("II");
    expect(suggestLevel({ ...zero, seriouslyInjured: 100 })).toBe("I");
    expect(suggestLevel({ ...zero, directLoss: 9_999_999 })).toBe("IV");
    expect(suggestLevel({ ...zero, directLoss: 10_000_000 })).toBe("III");
    expect(suggestLevel({ ...zero, directLoss: 49_999_999 })).toBe("III");
    expect(suggestLevel({ ...zero, directLoss: 50_000_000 })).toBe("II");
    expect(suggestLevel({ ...zero, directLoss: 99_999_999 })).toBe("II");
    expect(suggestLevel({ ...zero, directLoss: 100_000_000 })).toBe("I");
  });

  it("takes the most serious level any one figure reaches", () => {
    expect(suggestLevel({ dead: 1, seriouslyInjured: 55, directLoss: 12_000_000 })).toBe("II");
  });

  it("orders levels by severity", () => {
    expect(moreSevere("III", "IV")).toBe(true);
    expect(moreSevere("I", "II")).toBe(true);
    expect(moreSevere("IV", "III")).toBe(false);
    expect(moreSevere("II", "II")).toBe(false);
  });
});

describe("rules as data", () => {
  it("reads minutes from the table's rows and keeps defaults for missing keys", () => {
    const r = rulesFromRows([{ key: "initial.IV", minutes: 90 }, { key: "unknown.key", minutes: 1 }]);
    expect(r["initial.IV"]).toBe(90);
    expect(r.forward).toBe(120);
    expect(initialDeadline(r, { level: "IV", sensitive: false, learnedAt: learned })).toEqual(plus(learned, 90));
  });
});

describe("initial report deadlines", () => {
  it("gives I–III one hour and IV two hours from the time learned", () => {
    for (const level of ["I", "II", "III"] as const) expect(initialDeadline(rules, { level, sensitive: false, learnedAt: learned })).toEqual(plus(learned, 60));
    expect(initialDeadline(rules, { level: "IV", sensitive: false, learnedAt: learned })).toEqual(plus(learned, 120));
  });

  it("gives a sensitive event two hours, never more than its level allows", () => {
    expect(initialDeadline(rules, { level: "IV", sensitive: true, learnedAt: learned })).toEqual(plus(learned, 120));
    expect(initialDeadline(rules, { level: "III", sensitive: true, learnedAt: learned })).toEqual(plus(learned, 60));
    const tighter = { ...rules, "initial.sensitive": 45 };
    expect(initialDeadline(tighter, { level: "IV", sensitive: true, learnedAt: learned })).toEqual(plus(learned, 45));
  });

  it("asks for a phone report within 30 minutes only for levels I–II", () => {
    expect(phoneDeadline(rules, { level: "I", learnedAt: learned })).toEqual(plus(learned, 30));
    expect(phoneDeadline(rules, { level: "II", learnedAt: learned })).toEqual(plus(learned, 30));
    expect(phoneDeadline(rules, { level: "III", learnedAt: learned })).toBeNull();
  });

  it("counts a report exactly on the deadline as on time and one millisecond after as late", () => {
    const due = plus(learned, 60);
    expect(isLate(due, due)).toBe(false);
    expect(isLate(new Date(due.getTime() + 1), due)).toBe(true);
  });
});

const chain = (over: Partial<ChainInput> = {}): ChainInput => ({
  level: "III", sensitive: false, learnedAt: learned, phoneReportedAt: null, responseEndedAt: null, reports: [], forwardSteps: [], ...over,
});
const find = (ds: ReturnType<typeof computeDeadlines>, kind: string, number: number | null = null) =>
  ds.find((d) => d.kind === kind && (number === null || d.number === number));

describe("computeDeadlines", () => {
  it("is pending before the due time, still pending exactly at it, overdue one millisecond after", () => {
    const due = plus(learned, 60);
    expect(find(computeDeadlines(chain(), rules, plus(learned, 59)), "initial")!.status).toBe("pending");
    expect(find(computeDeadlines(chain(), rules, due), "initial")!.status).toBe("pending");
    expect(find(computeDeadlines(chain(), rules, new Date(due.getTime() + 1)), "initial")!.status).toBe("overdue");
  });

  it("marks the initial report met on the deadline and late after it", () => {
    const onTime = chain({ reports: [{ id: "r0", kind: "initial", submittedAt: plus(learned, 60) }] });
    expect(find(computeDeadlines(onTime, rules, plus(learned, 61)), "initial")!.status).toBe("met");
    const late = chain({ reports: [{ id: "r0", kind: "initial", submittedAt: plus(learned, 61) }] });
    expect(find(computeDeadlines(late, rules, plus(learned, 62)), "initial")!.status).toBe("late");
  });

  it("meets the phone deadline with the phone report time, or with the written report", () => {
    const i = chain({ level: "II", phoneReportedAt: plus(learned, 30), reports: [{ id: "r0", kind: "initial", submittedAt: plus(learned, 50) }] });
    const ds = computeDeadlines(i, rules, plus(learned, 60));
    expect(find(ds, "initial_phone")!.status).toBe("met");
    expect(find(ds, "initial")!.status).toBe("met");
    const noPhone = chain({ level: "I", reports: [{ id: "r0", kind: "initial", submittedAt: plus(learned, 31) }] });
    expect(find(computeDeadlines(noPhone, rules, plus(learned, 40)), "initial_phone")!.status).toBe("late");
  });

  it("dues follow-ups daily for III–IV and twice a day for I–II after the report before", () => {
    const initialAt = plus(learned, 30);
    const reports = [{ id: "r0", kind: "initial" as const, submittedAt: initialAt }];
    const iii = computeDeadlines(chain({ reports }), rules, initialAt);
    expect(find(iii, "followup", 1)!.dueAt).toEqual(plus(initialAt, 1440));
    const ii = computeDeadlines(chain({ level: "II", reports }), rules, initialAt);
    expect(find(ii, "followup", 1)!.dueAt).toEqual(plus(initialAt, 720));
    // The second follow-up counts from the first one's submission.
    const two = [...reports, { id: "r1", kind: "followup" as const, submittedAt: plus(initialAt, 1000) }];
    const ds = computeDeadlines(chain({ reports: two }), rules, plus(initialAt, 1000));
    expect(find(ds, "followup", 1)!.status).toBe("met");
    expect(find(ds, "followup", 2)!.dueAt).toEqual(plus(initialAt, 2440));
    expect(find(ds, "followup", 2)!.status).toBe("pending");
  });

  it("flags a missing follow-up overdue only after its due time", () => {
    const initialAt = plus(learned, 30);
    const reports = [{ id: "r0", kind: "initial" as const, submittedAt: initialAt }];
    expect(find(computeDeadlines(chain({ reports }), rules, plus(initialAt, 1440)), "followup", 1)!.status).toBe("pending");
    expect(find(computeDeadlines(chain({ reports }), rules, plus(initialAt, 1441)), "followup", 1)!.status).toBe("overdue");
  });

  it("stops follow-ups when the response ends and dues the final report 7 days later", () => {
    const initialAt = plus(learned, 30);
    const ended = plus(initialAt, 600);
    const i = chain({ reports: [{ id: "r0", kind: "initial", submittedAt: initialAt }], responseEndedAt: ended });
    const ds = computeDeadlines(i, rules, plus(ended, 7 * 1440));
    expect(find(ds, "followup")).toBeUndefined();
    expect(find(ds, "final")!.dueAt).toEqual(plus(ended, 7 * 1440));
    expect(find(ds, "final")!.status).toBe("pending");
    expect(find(computeDeadlines(i, rules, plus(ended, 7 * 1440 + 1)), "final")!.status).toBe("overdue");
    const withFinal = chain({ ...i, reports: [...i.reports, { id: "rf", kind: "final", submittedAt: plus(ended, 7 * 1440) }] });
    expect(find(computeDeadlines(withFinal, rules, plus(ended, 9 * 1440)), "final")!.status).toBe("met");
  });

  it("times each forwarding step two hours from the report's arrival", () => {
    const arrived = plus(learned, 40);
    const onTime = chain({ forwardSteps: [{ reportId: "r0", arrivedAt: arrived, forwardedAt: plus(arrived, 120) }] });
    expect(find(computeDeadlines(onTime, rules, plus(arrived, 200)), "forward")!.status).toBe("met");
    const late = chain({ forwardSteps: [{ reportId: "r0", arrivedAt: arrived, forwardedAt: plus(arrived, 121) }] });
    expect(find(computeDeadlines(late, rules, plus(arrived, 200)), "forward")!.status).toBe("late");
    const waiting = chain({ forwardSteps: [{ reportId: "r0", arrivedAt: arrived, forwardedAt: null }] });
    expect(find(computeDeadlines(waiting, rules, plus(arrived, 120)), "forward")!.status).toBe("pending");
    expect(find(computeDeadlines(waiting, rules, plus(arrived, 121)), "forward")!.status).toBe("overdue");
  });
});

describe("level thresholds as data", () => {
  it("applies stored thresholds, with the figures that reached them", () => {
    const strict = DEFAULT_LEVEL_THRESHOLDS.map((t) => (t.level === "III" ? { ...t, dead: 2 } : t));
    expect(suggestLevel({ ...zero, dead: 2 }, strict)).toBe("III");
    expect(suggestLevelWithReasons({ dead: 10, seriouslyInjured: 100, directLoss: 0 })).toEqual({ level: "I", reasons: ["重伤 100 人 ≥ 100"] });
    expect(suggestLevelWithReasons({ dead: 10, seriouslyInjured: 50, directLoss: 0 }).reasons).toEqual(["死亡 10 人 ≥ 10", "重伤 50 人 ≥ 50"]);
  });

  it("requires every figure to rise from III to I", () => {
    expect(thresholdsOrdered(DEFAULT_LEVEL_THRESHOLDS)).toBe(true);
    expect(thresholdsOrdered(DEFAULT_LEVEL_THRESHOLDS.map((t) => (t.level === "II" ? { ...t, dead: 3 } : t)))).toBe(false);
    expect(thresholdsOrdered(DEFAULT_LEVEL_THRESHOLDS.map((t) => (t.level === "I" ? { ...t, directLoss: 50_000_000 } : t)))).toBe(false);
  });
});

describe("casualty supplement window (493号 Art. 13)", () => {
  const occurred = at("2026-07-01T08:00:00+08:00");
  it("is 30 days by the rule, or the type's own days", () => {
    expect(casualtyWindowEnd(rules, occurred, null)).toEqual(plus(occurred, 30 * 24 * 60));
    expect(casualtyWindowEnd(rules, occurred, 7)).toEqual(plus(occurred, 7 * 24 * 60));
    const end = casualtyWindowEnd(rules, occurred, 7);
    expect(isLate(end, end)).toBe(false);
    expect(isLate(plus(end, 1 / 60_000), end)).toBe(true);
  });

  it("sees a change in any casualty figure, not in trapped or loss", () => {
    const base = { dead: 1, missing: 0, injured: 2, seriouslyInjured: 0 };
    expect(casualtiesChanged(base, { ...base })).toBe(false);
    expect(casualtiesChanged(base, { ...base, missing: 1 })).toBe(true);
    expect(casualtiesChanged(base, { ...base, seriouslyInjured: 1 })).toBe(true);
  });

  it("keys each deadline of a chain uniquely", () => {
    expect(deadlineKey({ kind: "followup", number: 2, reportId: null })).toBe("followup:2:");
    expect(deadlineKey({ kind: "forward", number: null, reportId: "r1" })).toBe("forward::r1");
  });
});
