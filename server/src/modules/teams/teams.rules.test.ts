import { describe, expect, it } from "vitest";
import { certificatesExpiring, headcountOf, readinessSince } from "./teams.rules.ts";

const now = new Date("2026-06-01T00:00:00Z");

describe("certificates", () => {
  it("counts certificates lapsing within 60 days or lapsed, and not those later or without a date", () => {
    const members = [
      { certificates: [{ expiresOn: "2026-05-01" }, { expiresOn: "2026-07-30" }, { expiresOn: "2026-08-01" }] },
      { certificates: [{ expiresOn: null }, {}] },
      {},
    ];
    expect(certificatesExpiring(members, now)).toBe(2);
    expect(certificatesExpiring(null, now)).toBe(0);
  });
});

describe("readiness since", () => {
  it("starts at creation and moves only when the readiness changes", () => {
    const before = { readiness: "ready", readinessSince: new Date("2026-01-01T00:00:00Z") };
    expect(readinessSince("ready", null, now)).toEqual(now);
    expect(readinessSince("ready", before, now)).toBeUndefined();
    expect(readinessSince(undefined, before, now)).toBeUndefined();
    expect(readinessSince("deployed", before, now)).toEqual(now);
  });
});

describe("headcount", () => {
  it("takes the typed headcount, else counts the members", () => {
    expect(headcountOf(30, [{}, {}])).toBe(30);
    expect(headcountOf(null, [{}, {}])).toBe(2);
    expect(headcountOf(undefined, [])).toBeNull();
  });
});
