import { describe, expect, it } from "vitest";
import { distanceM, fromTileDatum, gcj02ToWgs84, navigationLinks, toTileDatum, wgs84ToGcj02 } from "./geo.ts";

describe("datum conversion", () => {
  it("shifts a point in China by the GCJ-02 offset (a few hundred metres) and converts back within a centimetre", () => {
    for (const [lat, lon] of [[31.7, 119.95], [39.9087, 116.3975], [22.54, 114.06]]) {
      const [gLat, gLon] = wgs84ToGcj02(lat, lon);
      const shift = distanceM(lat, lon, gLat, gLon);
      expect(shift).toBeGreaterThan(100);
      expect(shift).toBeLessThan(800);
      const [bLat, bLon] = gcj02ToWgs84(gLat, gLon);
      expect(distanceM(lat, lon, bLat, bLon)).toBeLessThan(0.01);
    }
  });

  it("matches the published offset at Tiananmen (WGS-84 39.90734, 116.39089 → GCJ-02 39.90874, 116.39713)", () => {
    const [gLat, gLon] = wgs84ToGcj02(39.90734, 116.39089);
    expect(gLat).toBeCloseTo(39.90874, 3);
    expect(gLon).toBeCloseTo(116.39713, 3);
  });

  it("leaves points outside China unchanged", () => {
    expect(wgs84ToGcj02(48.85, 2.35)).toEqual([48.85, 2.35]);
    expect(gcj02ToWgs84(-33.86, 151.2)).toEqual([-33.86, 151.2]);
  });

  it("converts only when the tile datum is GCJ-02", () => {
    expect(toTileDatum("wgs84", 31.7, 119.95)).toEqual([31.7, 119.95]);
    expect(toTileDatum("gcj02", 31.7, 119.95)).toEqual(wgs84ToGcj02(31.7, 119.95));
    expect(distanceM(31.7, 119.95, ...fromTileDatum("gcj02", ...toTileDatum("gcj02", 31.7, 119.95)))).toBeLessThan(0.01);
  });
});

describe("distance", () => {
  it("measures one degree of latitude as about 111 km", () => {
    expect(distanceM(31, 120, 32, 120)).toBeGreaterThan(110_000);
    expect(distanceM(31, 120, 32, 120)).toBeLessThan(112_500);
  });
});

describe("navigation links", () => {
  it("does give geo: and 百度 the WGS-84 point and 高德/腾讯 the GCJ-02 point, with the name encoded", () => {
    const links = navigationLinks(31.7, 119.95, "马杭 避难所#1");
    const [gLat, gLon] = wgs84ToGcj02(31.7, 119.95);
    expect(links.geo).toBe(`geo:31.700000,119.950000?q=31.700000,119.950000(${encodeURIComponent("马杭 避难所#1")})`);
    expect(links.baidu).toContain("latlng:31.700000,119.950000");
    expect(links.baidu).toContain("coord_type=wgs84");
    expect(links.amap).toContain(`dlat=${gLat.toFixed(6)}&dlon=${gLon.toFixed(6)}`);
    expect(links.tencent).toContain(`tocoord=${gLat.toFixed(6)},${gLon.toFixed(6)}`);
    for (const url of Object.values(links)) expect(url).not.toMatch(/[\s#]/);
  });
});
