import type { UnitKindRow } from "./org.types.ts";

/**
 * The kind a new unit most likely has under a parent of this kind: a town under the
 * district, a village under a town or a development zone, a community under a subdistrict.
 * Kinds are data, so each preference falls through to the next if the server does not list it.
 */
const CHILD_KIND_PREFERENCE: Record<string, readonly string[]> = {
  district: ["town", "subdistrict", "zone"],
  town: ["village", "community"],
  zone: ["village", "community"],
  subdistrict: ["community", "village"],
  department: ["enterprise"],
};

/** Default kind for a child of `parentKind`, among the kinds allowed there (already filtered by level). */
export function defaultChildKind(parentKind: string, allowed: UnitKindRow[]): string | undefined {
  const codes = new Set(allowed.map((k) => k.code));
  const preferred = (CHILD_KIND_PREFERENCE[parentKind] ?? []).find((c) => codes.has(c));
  if (preferred) return preferred;
  // An unknown parent kind: the nearest level below it, then the server's order.
  const nearest = [...allowed].sort((a, b) => a.level - b.level)[0];
  return nearest?.code;
}
