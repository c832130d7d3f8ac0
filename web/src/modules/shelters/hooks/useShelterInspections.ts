import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ShelterInspection, ShelterInspectionInput } from "@yingji/contracts";
import type { z } from "zod";
import { api } from "../../../app/api.ts";
import { useInvalidateRegistry } from "../../../app/registry/useRegistryWrite.ts";
import { SHELTERS_KEYS } from "../shelters.keys.ts";

type Inspection = z.infer<typeof ShelterInspection>;

/** The inspections of one shelter, newest first. */
export function useShelterInspections(id: string) {
  return useQuery({
    queryKey: SHELTERS_KEYS.inspections(id),
    queryFn: async () => {
      const answer = await api<Inspection[] | { items: Inspection[] }>(`/api/shelters/${id}/inspections`);
      return Array.isArray(answer) ? answer : answer.items;
    },
  });
}

export function usePostShelterInspection(id: string) {
  const qc = useQueryClient();
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: (input: z.infer<typeof ShelterInspectionInput>) => api<Inspection>(`/api/shelters/${id}/inspections`, { body: input }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: SHELTERS_KEYS.inspections(id) }), invalidate("shelters")]),
  });
}
