import { describe, expect, it } from "vitest";
import {
  ackDeadline, backoffMs, distanceKm, effectiveStatus, expandTargets, formatIdentifier, maskAddress, messageText, peopleRolesOf, pointInPolygon, shanghaiIso, townPathOf,
} from "./warnings.rules.ts";

const minutes = { red: 15, orange: 30, yellow: 60, blue: 120 };

describe("warning rules", () => {
  it("gives each level its acknowledgement deadline", () => {
    const t = new Date("2026-07-20T00:00:00Z");
    expect(ackDeadline("red", t, minutes).toISOString()).toBe("2026-07-20T00:15:00.000Z");
    expect(ackDeadline("blue", t, minutes).toISOString()).toBe("2026-07-20T02:00:00.000Z");
  });

  it("doubles the retry delay each try and caps it at an hour", () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 10))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(backoffMs(30, 10)).toBe(3_600_000);
  });

  it("treats a released warning past its expiry as expired, and leaves other statuses alone", () => {
    const now = new Date("2026-07-20T00:00:00Z");
    expect(effectiveStatus("released", new Date("2026-07-19T00:00:00Z"), now)).toBe("expired");
    expect(effectiveStatus("updated", new Date("2026-07-21T00:00:00Z"), now)).toBe("updated");
    expect(effectiveStatus("cancelled", new Date("2026-07-19T00:00:00Z"), now)).toBe("cancelled");
  });

  it("finds points inside a closed polygon and within a circle", () => {
    const square: [number, number][] = [[31.5, 119.8], [31.5, 120.1], [31.8, 120.1], [31.8, 119.8], [31.5, 119.8]];
    expect(pointInPolygon(31.7, 119.97, square)).toBe(true);
    expect(pointInPolygon(31.9, 119.97, square)).toBe(false);
    expect(distanceKm(31.7, 119.9, 31.7, 120.0)).toBeCloseTo(9.46, 1);
  });

  it("expands targets to subtrees and in-area units, never the issuer or its ancestors", () => {
    const units = [
      { id: "d", path: "d", kind: "district", lat: 31.7, lon: 119.9 },
      { id: "t1", path: "d.t1", kind: "town", lat: 31.72, lon: 119.97 },
      { id: "v1", path: "d.t1.v1", kind: "village", lat: 31.73, lon: 119.98 },
      { id: "t2", path: "d.t2", kind: "town", lat: 31.5, lon: 120.2 },
      { id: "v2", path: "d.t2.v2", kind: "village", lat: 31.51, lon: 120.21 },
    ];
    const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
    expect(ids(expandTargets(units, { unitIds: ["t1"], inArea: false }, { polygons: [], circles: [] }, "d"))).toEqual(["t1", "v1"]);
    expect(ids(expandTargets(units, { unitIds: ["d"], inArea: false }, { polygons: [], circles: [] }, "d"))).toEqual(["t1", "v1", "t2", "v2"]);
    expect(ids(expandTargets(units, { unitIds: [], inArea: true }, { polygons: [], circles: [{ lat: 31.51, lon: 120.21, radiusKm: 1 }] }, "d"))).toEqual(["v2"]);
    expect(townPathOf("d.t1.v1")).toBe("d.t1");
  });

  it("clips every kind of target choice to the issuer's subtree", () => {
    const units = [
      { id: "d", path: "d", kind: "district", lat: 31.7, lon: 119.9 },
      { id: "t1", path: "d.t1", kind: "town", lat: 31.72, lon: 119.97 },
      { id: "v1", path: "d.t1.v1", kind: "village", lat: 31.73, lon: 119.98 },
      { id: "t2", path: "d.t2", kind: "town", lat: 31.5, lon: 120.2 },
      { id: "v2", path: "d.t2.v2", kind: "village", lat: 31.51, lon: 120.21 },
    ];
    const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
    const none = { polygons: [], circles: [] };
    const everywhere = { polygons: [[[30, 119], [30, 121], [33, 121], [33, 119], [30, 119]] as [number, number][]], circles: [{ lat: 31.6, lon: 120, radiusKm: 100 }] };
    // t1 issues: a neighbour's units, the district, an area over everything — only t1's village.
    expect(ids(expandTargets(units, { unitIds: ["t2", "v2"], inArea: false }, none, "d.t1"))).toEqual([]);
    expect(ids(expandTargets(units, { unitIds: ["d"], inArea: false }, none, "d.t1"))).toEqual(["v1"]);
    expect(ids(expandTargets(units, { unitIds: [], inArea: true }, everywhere, "d.t1"))).toEqual(["v1"]);
    expect(ids(expandTargets(units, { unitIds: ["t2"], inArea: true }, { polygons: [], circles: [{ lat: 31.51, lon: 120.21, radiusKm: 1 }] }, "d.t1"))).toEqual([]);
  });

  it("maps target roles to people's emergency roles", () => {
    expect(peopleRolesOf(["leader", "liaison"]).sort()).toEqual(["commander", "deputy", "liaison"]);
  });

  it("formats identifiers and CAP times in Asia/Shanghai", () => {
    const t = new Date("2026-07-19T23:30:05Z");
    expect(formatIdentifier("{area}{sender}_{time}_{seq}", { area: "320412", sender: "00000000", time: t, seq: 7 })).toBe("32041200000000_20260720073005_7");
    expect(shanghaiIso(t)).toBe("2026-07-20T07:30:05+08:00");
  });

  it("fills the message template and masks addresses", () => {
    expect(messageText("【{sender}】{level}：{headline}", { sender: "区应急局", level: "red", headline: "暴雨", instruction: "", link: "" })).toBe("【区应急局】红色预警（一级）：暴雨");
    expect(maskAddress("13812345678")).toBe("138****5678");
    expect(maskAddress("zhang@example.cn")).toBe("z***@example.cn");
  });
});
