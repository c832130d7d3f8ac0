import { SHELTERS } from "@yingji/contracts";
import { defineRegistry } from "../../platform/registry.ts";
import { capacityOf, freeCapacity } from "./shelters.rules.ts";
import { shelters } from "./shelters.table.ts";

/** Shelters: capacity derived from the usable area; status and occupancy change only through /status. */
export const sheltersRegistry = defineRegistry({
  decl: SHELTERS,
  table: shelters,
  derive: (values, _before, config) => ({
    capacity: capacityOf(values.usableArea as number, values.capacityOverride as number | null, config.SHELTER_M2_PER_PERSON),
  }),
  present: (row) => ({
    capacity: row.capacity as number,
    status: row.status as string,
    occupancy: row.occupancy as number,
    freeCapacity: freeCapacity(row.capacity as number, row.status as string, row.occupancy as number),
    statusSince: (row.statusSince as Date | null)?.toISOString() ?? null,
    lastInspectedAt: (row.lastInspectedAt as Date | null)?.toISOString() ?? null,
  }),
});
