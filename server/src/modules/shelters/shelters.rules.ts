/** Pure rules of shelters (rules.md "Shelters"). */
import type { ShelterStatus } from "@yingji/contracts";

/** Capacity: the override when given, else usable area at the per-person setting (rounded down). */
export function capacityOf(usableArea: number, override: number | null | undefined, m2PerPerson: number): number {
  if (override !== null && override !== undefined) return override;
  return Math.floor(usableArea / m2PerPerson);
}

/**
 * The status and occupancy after a report: a ready or closed shelter holds nobody; an open
 * one becomes full when occupancy reaches capacity, and open again when it drops below.
 */
export function nextStatus(input: { status: ShelterStatus; occupancy?: number }, before: { occupancy: number }, capacity: number): { status: ShelterStatus; occupancy: number } {
  if (input.status === "ready" || input.status === "closed") return { status: input.status, occupancy: 0 };
  const occupancy = input.occupancy ?? before.occupancy;
  if (occupancy >= capacity) return { status: "full", occupancy };
  return { status: input.status === "full" && input.occupancy === undefined ? "full" : "open", occupancy };
}

export const freeCapacity = (capacity: number, status: string, occupancy: number) => (status === "closed" || status === "full" ? 0 : Math.max(0, capacity - occupancy));
