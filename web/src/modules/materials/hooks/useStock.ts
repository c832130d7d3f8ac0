import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { StockLine } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import type { Page } from "../../../app/page.ts";
import { MATERIALS_KEYS } from "../materials.keys.ts";

export interface StockParams {
  page: number;
  pageSize: number;
  warehouseId?: string;
  itemId?: string;
  category?: string;
  q?: string;
}

/** Stock per warehouse × item × batch: the sum of its movements (GET /api/stock). */
export function useStock(params: StockParams) {
  return useQuery({
    queryKey: MATERIALS_KEYS.stock(params),
    queryFn: () => api<Page<StockLine>>("/api/stock", { query: { ...params } }),
    placeholderData: keepPreviousData,
  });
}
