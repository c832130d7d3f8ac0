import { describe, expect, it } from "vitest";
import { tileSource } from "./http.ts";

describe("the CSP source of a map tile URL", () => {
  it("keeps scheme and host, with a {s} subdomain as a wildcard", () => {
    expect(tileSource(undefined)).toEqual([]);
    expect(tileSource("https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=K&TILEMATRIX={z}")).toEqual(["https://*.tianditu.gov.cn"]);
    expect(tileSource("https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}")).toEqual(["https://*.is.autonavi.com"]);
    expect(tileSource("http://tiles.example.gov.cn:8080/{z}/{x}/{y}.png")).toEqual(["http://tiles.example.gov.cn:8080"]);
  });
});
