import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateInspectionInput, Inspection } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { REGISTRY_KEYS } from "../../../app/registry/registry.keys.ts";
import { MATERIALS_KEYS } from "../materials.keys.ts";

/** The inspections (盘点) of one warehouse, newest first. */
export function useInspections(warehouseId: string) {
  return useQuery({
    queryKey: MATERIALS_KEYS.inspections(warehouseId),
    queryFn: async () => {
      const answer = await api<Inspection[] | { items: Inspection[] }>(`/api/warehouses/${warehouseId}/inspections`);
      return Array.isArray(answer) ? answer : answer.items;
    },
  });
}

/** Records counted quantities; each difference is posted as an adjustment. */
export function usePostInspection(warehouseId: string) {
  const qc = useQueryClient();
  return useMutation({
    meta: { quiet: true },
    mutationFn: (input: CreateInspectionInput) => api<Inspection>(`/api/warehouses/${warehouseId}/inspections`, { body: input }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: MATERIALS_KEYS.all }), qc.invalidateQueries({ queryKey: REGISTRY_KEYS.all("warehouses") })]),
  });
}
