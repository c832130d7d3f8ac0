/** Warehouses, the item catalogue and requisitions: generic registries with a little of their own. */
import { MATERIAL_ITEMS, REQUISITIONS, WAREHOUSES } from "@yingji/contracts";
import { defineRegistry } from "../../platform/registry.ts";
import { compensationStatus } from "./materials.rules.ts";
import { materialItems, requisitions, warehouses } from "./materials.table.ts";

export const warehousesRegistry = defineRegistry({
  decl: WAREHOUSES,
  table: warehouses,
  present: (row) => ({ lastInspectedAt: (row.lastInspectedAt as Date | null)?.toISOString() ?? null }),
});

export const materialItemsRegistry = defineRegistry({ decl: MATERIAL_ITEMS, table: materialItems });

export const requisitionsRegistry = defineRegistry({
  decl: REQUISITIONS,
  table: requisitions,
  present: (row) => ({ compensationStatus: compensationStatus(row.compensationDecided as number | null, row.compensationPaid as number | null) }),
});
