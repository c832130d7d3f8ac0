import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateMovementInput, Movement } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import type { Page } from "../../../app/page.ts";
import { MATERIALS_KEYS } from "../materials.keys.ts";

export interface MovementParams {
  page: number;
  pageSize: number;
  warehouseId?: string;
  itemId?: string;
  kind?: string;
}

/** The movements (出入库记录), newest first. */
export function useMovements(params: MovementParams) {
  return useQuery({
    queryKey: MATERIALS_KEYS.movements(params),
    queryFn: () => api<Page<Movement>>("/api/stock-movements", { query: { ...params } }),
    placeholderData: keepPreviousData,
  });
}

/** Posts one movement; a movement that would take stock below zero answers 422 and writes nothing. */
export function usePostMovement() {
  const qc = useQueryClient();
  return useMutation({
    meta: { quiet: true },
    mutationFn: (input: CreateMovementInput) => api<unknown>("/api/stock-movements", { body: input }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: MATERIALS_KEYS.all }), qc.invalidateQueries({ queryKey: ["map"] })]),
  });
}
