import { describe, expect, it } from "vitest";
import { cells, contains, convexHull, outline, ringOf, type LonLat } from "./map.rules.ts";

const towns: LonLat[] = [[119.97, 31.72], [119.9, 31.7], [120.1, 31.65], [120.07, 31.75], [120.12, 31.52], [119.72, 31.62]];

describe("district outline", () => {
  it("takes the hull of the points", () => {
    const hull = convexHull([[0, 0], [1, 0], [1, 1], [0, 1], [0.5, 0.5]]);
    expect(hull).toHaveLength(4);
    expect(hull.some((p) => p[0] === 0.5)).toBe(false);
  });

  it("encloses every point with a margin", () => {
    const o = outline(towns, 3);
    for (const t of towns) {
      expect(contains(o, t)).toBe(true);
      // 2 km beyond each point is still inside, 3 km margin.
      expect(contains(o, [t[0], t[1] + 2 / 110.57])).toBe(true);
    }
    expect(contains(o, [119.5, 31.3])).toBe(false);
  });
});

describe("town cells", () => {
  it("puts every town's centre in its own cell and in no other", () => {
    const o = outline(towns, 3);
    const cs = cells(o, towns);
    towns.forEach((t, i) => {
      expect(contains(cs[i], t)).toBe(true);
      cs.forEach((c, j) => {
        if (j !== i) expect(contains(c, t)).toBe(false);
      });
    });
  });

  it("covers the outline: a point inside lies in exactly one cell", () => {
    const o = outline(towns, 3);
    const cs = cells(o, towns);
    for (const p of [[119.95, 31.66], [120.0, 31.58], [119.8, 31.65]] as LonLat[]) {
      expect(contains(o, p)).toBe(true);
      expect(cs.filter((c) => contains(c, p))).toHaveLength(1);
    }
  });

  it("writes closed GeoJSON rings", () => {
    const r = ringOf([[1, 2], [3, 4], [5, 6]]);
    expect(r[0]).toEqual(r[r.length - 1]);
    expect(r).toHaveLength(4);
  });
});
