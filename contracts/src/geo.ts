/**
 * Coordinates are stored as WGS-84. Tile providers that use GCJ-02 (高德, 腾讯) need the
 * points shifted; 天地图 uses CGCS2000, which is WGS-84 to within centimetres. This file is the
 * one place that converts, used by the web map when the configured tile datum says so.
 */

const A = 6378245.0;
const EE = 0.00669342162296594323;

/** GCJ-02 only applies inside mainland China; elsewhere the two datums are the same. */
export function outOfChina(lat: number, lon: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function dLatOf(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function dLonOf(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** WGS-84 → GCJ-02 ("Mars" coordinates of Chinese map providers). Returns [lat, lon]. */
export function wgs84ToGcj02(lat: number, lon: number): [number, number] {
  if (outOfChina(lat, lon)) return [lat, lon];
  let dLat = dLatOf(lon - 105, lat - 35);
  let dLon = dLonOf(lon - 105, lat - 35);
  const radLat = (lat / 180) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lat + dLat, lon + dLon];
}

/** GCJ-02 → WGS-84, by fixed-point iteration of the forward transform (error well under a metre). */
export function gcj02ToWgs84(lat: number, lon: number): [number, number] {
  if (outOfChina(lat, lon)) return [lat, lon];
  let wLat = lat;
  let wLon = lon;
  for (let i = 0; i < 10; i++) {
    const [gLat, gLon] = wgs84ToGcj02(wLat, wLon);
    const eLat = gLat - lat;
    const eLon = gLon - lon;
    wLat -= eLat;
    wLon -= eLon;
    if (Math.abs(eLat) < 1e-9 && Math.abs(eLon) < 1e-9) break;
  }
  return [wLat, wLon];
}

/** Great-circle distance in metres (mean earth radius, as PostgreSQL's earthdistance uses). */
export function distanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const R = 6378168;
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(lat2 - lat1);
  const dLon = toRad(lon2 - lon1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(lat1)) * Math.cos(toRad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The datum a tile layer expects its coordinates in. */
export const TILE_DATUMS = ["wgs84", "gcj02"] as const;
export type TileDatum = (typeof TILE_DATUMS)[number];

/** Converts a stored (WGS-84) point into the tile layer's datum. */
export function toTileDatum(datum: TileDatum, lat: number, lon: number): [number, number] {
  return datum === "gcj02" ? wgs84ToGcj02(lat, lon) : [lat, lon];
}

/** Converts a point clicked on the tile layer back into WGS-84. */
export function fromTileDatum(datum: TileDatum, lat: number, lon: number): [number, number] {
  return datum === "gcj02" ? gcj02ToWgs84(lat, lon) : [lat, lon];
}

export type NavApp = "geo" | "amap" | "baidu" | "tencent";

/**
 * Links that open a navigation app at a point (WGS-84 in): the platform's geo: URI (any map
 * app the phone has), and the URL schemes of 高德, 百度 and 腾讯 地图. 高德 and 腾讯 take
 * GCJ-02, so the point is shifted for them; 百度 is told the point is WGS-84 (coord_type).
 */
export function navigationLinks(lat: number, lon: number, name: string): Record<NavApp, string> {
  const [gLat, gLon] = wgs84ToGcj02(lat, lon);
  const f = (n: number) => n.toFixed(6);
  const label = encodeURIComponent(name);
  return {
    geo: `geo:${f(lat)},${f(lon)}?q=${f(lat)},${f(lon)}(${label})`,
    amap: `amapuri://route/plan/?dlat=${f(gLat)}&dlon=${f(gLon)}&dname=${label}&dev=0&t=0&sourceApplication=yingji`,
    baidu: `baidumap://map/direction?destination=latlng:${f(lat)},${f(lon)}|name:${label}&coord_type=wgs84&mode=driving&src=yingji`,
    tencent: `qqmap://map/routeplan?type=drive&to=${label}&tocoord=${f(gLat)},${f(gLon)}&referer=yingji`,
  };
}
