/**
 * Location checks and the spatial SQL every located registry shares: coordinates in range and
 * near the district, the earth position used by the GiST indexes (migration resources_location),
 * bounding boxes, KNN ordering, and the district outline with town cells for the offline map.
 */
import { distanceM } from "@yingji/contracts";
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Config } from "../config.ts";
import type { Q } from "../db/client.ts";
import { badRequest } from "./errors.ts";

export interface Point {
  lat: number;
  lon: number;
}

/** The district's centre: the location of the root unit (the only unit at depth 1). */
export async function districtCentre(q: Q): Promise<Point | null> {
  const { rows } = await q.execute<{ lat: number | null; lon: number | null }>(sql`select lat, lon from org_units where nlevel(path) = 1 order by sort limit 1`);
  const r = rows[0];
  return r && r.lat !== null && r.lon !== null ? { lat: Number(r.lat), lon: Number(r.lon) } : null;
}

/** Pure check used row by row (imports): the fault, or null when the point is acceptable. */
export function locationFault(config: Config, centre: Point | null, p: Point): { field: "lat" | "lon"; reason: string } | null {
  if (!(p.lat >= -90 && p.lat <= 90)) return { field: "lat", reason: "纬度应在 -90 到 90 之间" };
  if (!(p.lon >= -180 && p.lon <= 180)) return { field: "lon", reason: "经度应在 -180 到 180 之间" };
  if (!config.GEO_DISTRICT_CHECK || !centre) return null;
  const km = distanceM(centre.lat, centre.lon, p.lat, p.lon) / 1000;
  if (km > config.GEO_DISTRICT_RADIUS_KM) {
    const field = Math.abs(p.lat - centre.lat) * 111 > config.GEO_DISTRICT_RADIUS_KM ? "lat" : "lon";
    return { field, reason: `位置距辖区中心 ${km.toFixed(0)} 公里，超出 ${config.GEO_DISTRICT_RADIUS_KM} 公里（经纬度是否填反？）` };
  }
  return null;
}

/** Refuses a point outside the ranges or far outside the district: 400 naming the field. */
export async function assertLocation(q: Q, config: Config, p: Point): Promise<void> {
  const fault = locationFault(config, config.GEO_DISTRICT_CHECK ? await districtCentre(q) : null, p);
  if (fault) throw badRequest(fault.field, fault.reason);
}

/** The indexed expression: must read exactly as in the GiST indexes. */
export const earthOf = (lat: AnyPgColumn, lon: AnyPgColumn): SQL => sql`ll_to_earth(${lat}, ${lon})`;

/** Distance in metres from a point to a row's location. */
export const distanceFrom = (p: Point, lat: AnyPgColumn, lon: AnyPgColumn): SQL<number> =>
  sql<number>`earth_distance(ll_to_earth(${p.lat}::float8, ${p.lon}::float8), ${earthOf(lat, lon)})`;

/** KNN order through the GiST index (cube distance, monotonic with the great-circle distance). */
export const nearestFirst = (p: Point, lat: AnyPgColumn, lon: AnyPgColumn): SQL =>
  sql`${earthOf(lat, lon)} <-> ll_to_earth(${p.lat}::float8, ${p.lon}::float8)`;

/**
 * Rows inside a bounding box. The earth box (a cube around the box's circumscribed circle)
 * uses the GiST index; the plain comparisons then cut the circle down to the box.
 */
export function inBBox(bbox: [number, number, number, number], lat: AnyPgColumn, lon: AnyPgColumn): SQL {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const c = { lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2 };
  const radius = Math.max(distanceM(c.lat, c.lon, minLat, minLon), distanceM(c.lat, c.lon, maxLat, maxLon), distanceM(c.lat, c.lon, minLat, maxLon)) + 1;
  const box = radius < 2_000_000
    ? sql`earth_box(ll_to_earth(${c.lat}::float8, ${c.lon}::float8), ${radius}::float8) @> ${earthOf(lat, lon)} and `
    : sql``;
  return sql`(${box}${lat} between ${minLat} and ${maxLat} and ${lon} between ${minLon} and ${maxLon})`;
}
