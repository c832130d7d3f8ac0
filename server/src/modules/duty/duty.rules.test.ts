import { describe, expect, it } from "vitest";
import { drawUnits, judgeSpotCheck, monthRange, monthShifts, requiredStaffing, rotate, seededRandom, signFault, SPOT_CHECK_RULE, staffingFaults } from "./duty.rules.ts";

const d = (s: string) => new Date(s);

describe("month shifts", () => {
  it("makes one 24-hour shift per day starting at the given Shanghai time", () => {
    const s = monthShifts("2026-12", "08:00");
    expect(s).toHaveLength(31);
    expect(s[0].startsAt.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(s[0].endsAt.toISOString()).toBe("2026-12-02T00:00:00.000Z");
    expect(s[30].endsAt.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(monthShifts("2028-02", "00:00")).toHaveLength(29);
    expect(monthShifts("2027-02", "23:30")[0].startsAt.toISOString()).toBe("2027-02-01T15:30:00.000Z");
  });

  it("gives the month's range in Shanghai time", () => {
    expect(monthRange("2026-12")).toEqual({ startsAt: d("2026-11-30T16:00:00Z"), endsAt: d("2026-12-31T16:00:00Z") });
  });
});

describe("staffing under key periods", () => {
  const holiday = { startsAt: d("2026-12-31T16:00:00Z"), endsAt: d("2027-01-03T16:00:00Z"), minOfficers: 2, leaderRequired: true };
  const inside = { startsAt: d("2027-01-01T00:00:00Z"), endsAt: d("2027-01-02T00:00:00Z") };
  const before = { startsAt: d("2026-12-30T00:00:00Z"), endsAt: d("2026-12-31T00:00:00Z") };
  const touching = { startsAt: d("2026-12-30T16:00:00Z"), endsAt: d("2026-12-31T16:00:00Z") };

  it("applies the strictest rule of the periods a shift overlaps, and none when it only touches one", () => {
    expect(requiredStaffing(inside, [holiday])).toEqual({ minOfficers: 2, leaderRequired: true });
    expect(requiredStaffing(before, [holiday])).toEqual({ minOfficers: 1, leaderRequired: false });
    expect(requiredStaffing(touching, [holiday])).toEqual({ minOfficers: 1, leaderRequired: false });
    expect(requiredStaffing(inside, [holiday, { ...holiday, minOfficers: 3, leaderRequired: false }])).toEqual({ minOfficers: 3, leaderRequired: true });
  });

  it("names what a shift lacks", () => {
    expect(staffingFaults({ ...inside, officerIds: ["a"], leaderId: null }, [holiday])).toEqual([
      { code: "too_few_officers", need: 2, have: 1 }, { code: "leader_required" },
    ]);
    expect(staffingFaults({ ...inside, officerIds: ["a", "b"], leaderId: "l" }, [holiday])).toEqual([]);
  });
});

describe("rotation", () => {
  const shifts = monthShifts("2026-12", "08:00");

  it("assigns officers and leaders round-robin", () => {
    const r = rotate({ shifts, officers: ["a", "b", "c"], leaders: ["L1", "L2"], officersPerShift: 1, periods: [] });
    if (!r.ok) throw new Error("rotation failed");
    expect(r.shifts.slice(0, 4).map((s) => [s.officerIds, s.leaderId])).toEqual([[["a"], "L1"], [["b"], "L2"], [["c"], "L1"], [["a"], "L2"]]);
  });

  it("puts more officers on shifts inside a key period", () => {
    const period = { startsAt: d("2026-12-02T00:00:00Z"), endsAt: d("2026-12-03T00:00:00Z"), minOfficers: 2, leaderRequired: true };
    const r = rotate({ shifts, officers: ["a", "b", "c"], leaders: ["L"], officersPerShift: 1, periods: [period] });
    if (!r.ok) throw new Error("rotation failed");
    expect(r.shifts.slice(0, 3).map((s) => s.officerIds)).toEqual([["a"], ["b", "c"], ["a"]]);
  });

  it("fails when a key period needs more officers than there are, or a leader when none is given", () => {
    const period = { startsAt: d("2026-12-10T00:00:00Z"), endsAt: d("2026-12-11T00:00:00Z"), minOfficers: 3, leaderRequired: false };
    expect(rotate({ shifts, officers: ["a", "b"], leaders: [], officersPerShift: 1, periods: [period] })).toEqual({ ok: false, code: "not_enough_officers", shiftIndex: 9, need: 3 });
    expect(rotate({ shifts, officers: ["a"], leaders: [], officersPerShift: 1, periods: [{ ...period, minOfficers: 1, leaderRequired: true }] }))
      .toMatchObject({ ok: false, code: "leader_required" });
  });
});

describe("spot-check rule", () => {
  const good = { answered: true, answerSeconds: 10, officerPresent: true, leaderPresent: true, logComplete: true };

  it("passes when everything is in place, exactly at the answer limit too", () => {
    expect(judgeSpotCheck(good)).toEqual({ passed: true, faults: [] });
    expect(judgeSpotCheck({ ...good, answerSeconds: SPOT_CHECK_RULE.maxAnswerSeconds }).passed).toBe(true);
  });

  it("fails with every fault named", () => {
    expect(judgeSpotCheck({ ...good, answerSeconds: SPOT_CHECK_RULE.maxAnswerSeconds + 1 }).faults).toEqual(["slow_answer"]);
    expect(judgeSpotCheck({ answered: false, answerSeconds: null, officerPresent: false, leaderPresent: false, logComplete: false }))
      .toEqual({ passed: false, faults: ["not_answered", "officer_absent", "leader_absent", "log_incomplete"] });
  });
});

describe("random draw", () => {
  const units = Array.from({ length: 10 }, (_, i) => ({ unitId: `u${i}`, inKeyPeriod: i < 2 }));

  it("draws distinct units, the same ones for the same seed", () => {
    const a = drawUnits(units, 4, new Set(), seededRandom(42));
    expect(new Set(a.map((u) => u.unitId)).size).toBe(4);
    expect(drawUnits(units, 4, new Set(), seededRandom(42))).toEqual(a);
    expect(drawUnits(units, 50, new Set(), seededRandom(1))).toHaveLength(10);
  });

  it("never draws a unit of the previous draw", () => {
    for (let seed = 0; seed < 200; seed++) {
      const last = new Set(drawUnits(units, 3, new Set(), seededRandom(seed)).map((u) => u.unitId));
      const next = drawUnits(units, 3, last, seededRandom(seed + 1000));
      expect(next.some((u) => last.has(u.unitId))).toBe(false);
    }
  });

  it("favours units in a key period", () => {
    const hits = new Map<string, number>();
    for (let seed = 0; seed < 3000; seed++) {
      const [u] = drawUnits(units, 1, new Set(), seededRandom(seed));
      hits.set(u.unitId, (hits.get(u.unitId) ?? 0) + 1);
    }
    // Weight 3 of 14 for each key-period unit, 1 of 14 for the others.
    expect(hits.get("u0")! / 3000).toBeGreaterThan(0.17);
    expect(hits.get("u5")! / 3000).toBeLessThan(0.1);
  });
});

describe("sign-in and sign-out", () => {
  it("allows one sign-in, then one sign-out after it", () => {
    expect(signFault("sign_in", [])).toBeNull();
    expect(signFault("sign_in", ["call", "sign_in"])).toBe("already_signed_in");
    expect(signFault("sign_out", ["call"])).toBe("not_signed_in");
    expect(signFault("sign_out", ["sign_in"])).toBeNull();
    expect(signFault("sign_out", ["sign_in", "sign_out"])).toBe("already_signed_out");
    expect(signFault("event", [])).toBeNull();
  });
});
