/** Pure rules of early warning: deadlines, retry backoff, area geometry, target expansion, identifiers, texts. */
import type { TargetRole, WarningArea, WarningLevel, WarningStatus } from "@yingji/contracts";
import { WARNING_LEVEL_LABELS } from "@yingji/contracts";
import { maskPhone } from "../../platform/masking.ts";

export type AckMinutes = Record<WarningLevel, number>;

/** The acknowledgement deadline of a target unit: release time plus the minutes its level allows. */
export function ackDeadline(level: WarningLevel, releasedAt: Date, minutes: AckMinutes): Date {
  return new Date(releasedAt.getTime() + minutes[level] * 60_000);
}

/** Delay before try number `attempts + 1`: base, 2×base, 4×base, … capped at an hour. */
export function backoffMs(attempts: number, baseSeconds: number): number {
  return Math.min(3_600_000, baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1));
}

/** A warning in force is released or updated and not past its expiry. */
export function effectiveStatus(status: WarningStatus, expiresAt: Date, now: Date): WarningStatus {
  if ((status === "released" || status === "updated") && expiresAt <= now) return "expired";
  return status;
}
export const isActive = (status: WarningStatus, expiresAt: Date, now: Date) => {
  const s = effectiveStatus(status, expiresAt, now);
  return s === "released" || s === "updated";
};

/** Ray casting on a closed [lat, lon] ring (small areas: plane geometry on degrees is enough). */
export function pointInPolygon(lat: number, lon: number, ring: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [yi, xi] = ring[i];
    const [yj, xj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Great-circle distance in km (haversine, mean Earth radius). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function inArea(area: Pick<WarningArea, "polygons" | "circles">, lat: number, lon: number): boolean {
  return area.polygons.some((p) => pointInPolygon(lat, lon, p)) || area.circles.some((c) => distanceKm(c.lat, c.lon, lat, lon) <= c.radiusKm);
}

export interface UnitNode {
  id: string;
  path: string;
  kind: string;
  lat: number | null;
  lon: number | null;
}

const within = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

/**
 * The units a warning targets: every unit in the subtree of a chosen unit, and (with inArea)
 * every unit located inside the area — clipped to the issuing unit's subtree, however they were
 * chosen: a town's circle drawn over its neighbours reaches only its own villages. The issuing
 * unit and the units above it are never targets: they are the senders.
 */
export function expandTargets(units: UnitNode[], spec: { unitIds: string[]; inArea: boolean }, area: Pick<WarningArea, "polygons" | "circles">, issuerPath: string): UnitNode[] {
  const roots = units.filter((u) => spec.unitIds.includes(u.id)).map((u) => u.path);
  return units.filter((u) => {
    if (!within(u.path, issuerPath) || u.path === issuerPath) return false;
    if (roots.some((r) => within(u.path, r))) return true;
    return spec.inArea && u.lat !== null && u.lon !== null && inArea(area, u.lat, u.lon);
  });
}

/** The town-level ancestor of a unit (depth 2 of the tree), or the unit itself when it is at that depth or above. */
export function townPathOf(path: string): string {
  return path.split(".").slice(0, 2).join(".");
}

/** Emergency roles of a person (org module) that make them a recipient of each target role. */
export const TARGET_ROLE_PEOPLE: Record<TargetRole, string[]> = {
  duty_officer: ["duty"],
  liaison: ["liaison"],
  leader: ["commander", "deputy"],
  team_leader: ["team_leader"],
};
export const peopleRolesOf = (roles: TargetRole[]) => [...new Set(roles.flatMap((r) => TARGET_ROLE_PEOPLE[r]))];

/** YYYYMMDDhhmmss in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiStamp(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/** ISO 8601 with +08:00 offset, as CAP wants (never Z), to the second. */
export function shanghaiIso(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

export function formatIdentifier(format: string, v: { area: string; sender: string; time: Date; seq: number }): string {
  return format.replaceAll("{area}", v.area).replaceAll("{sender}", v.sender).replaceAll("{time}", shanghaiStamp(v.time)).replaceAll("{seq}", String(v.seq));
}

/** Fills the message template (SMS, push): the headline and instruction, cut so an SMS stays short. */
export function messageText(template: string, v: { sender: string; level: WarningLevel; headline: string; instruction: string; link: string }, maxInstruction = 120): string {
  const instruction = v.instruction.length > maxInstruction ? `${v.instruction.slice(0, maxInstruction)}…` : v.instruction;
  return template
    .replaceAll("{sender}", v.sender)
    .replaceAll("{level}", WARNING_LEVEL_LABELS[v.level].zh)
    .replaceAll("{headline}", v.headline)
    .replaceAll("{instruction}", instruction)
    .replaceAll("{link}", v.link);
}

/** Project convention (rules.md): red → Extreme, orange → Severe, yellow → Moderate, blue → Minor. */
export const LEVEL_SEVERITY: Record<WarningLevel, "Extreme" | "Severe" | "Moderate" | "Minor"> = { red: "Extreme", orange: "Severe", yellow: "Moderate", blue: "Minor" };

export function levelOfSeverity(severity: string): WarningLevel {
  const hit = (Object.entries(LEVEL_SEVERITY) as [WarningLevel, string][]).find(([, s]) => s === severity);
  return hit ? hit[0] : "blue";
}

/** Masks a phone (138****1234) or an e-mail (z***@example.com) for lists. */
export function maskAddress(address: string | null): string | null {
  if (!address) return null;
  if (address.includes("@")) {
    const [user, host] = address.split("@");
    return `${user.slice(0, 1)}***@${host}`;
  }
  if (address.startsWith("http")) return `${address.slice(0, 24)}…`;
  return maskPhone(address);
}
