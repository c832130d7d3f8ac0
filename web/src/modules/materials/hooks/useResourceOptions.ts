import { MATERIAL_ITEMS, WAREHOUSES } from "@yingji/contracts";
import { useMemo } from "react";
import { useRegistryList } from "../../../app/registry/useRegistryList.ts";

/** Warehouses and catalogue items of the caller's scope, as select options (the first 200 of each). */
export function useResourceOptions() {
  const warehouses = useRegistryList(WAREHOUSES, { page: 1, pageSize: 200, sort: "name" });
  const items = useRegistryList(MATERIAL_ITEMS, { page: 1, pageSize: 200, sort: "name" });
  return useMemo(
    () => ({
      warehouses: (warehouses.data?.items ?? []).map((w) => ({ value: w.id, label: w.name })),
      items: (items.data?.items ?? []).map((i) => ({
        value: i.id,
        label: i.specification ? `${i.name}（${String(i.specification)}）` : i.name,
        unit: String(i.measureUnit ?? ""),
      })),
      loading: warehouses.isLoading || items.isLoading,
    }),
    [warehouses.data, items.data, warehouses.isLoading, items.isLoading],
  );
}
