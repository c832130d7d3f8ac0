import { useQuery } from "@tanstack/react-query";
import type { StockAlert } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { MATERIALS_KEYS } from "../materials.keys.ts";

/** Below minimum, expiring or expired batches, warehouses not inspected for long (GET /api/stock/alerts). */
export function useStockAlerts(params: { warehouseId?: string } = {}) {
  return useQuery({
    queryKey: MATERIALS_KEYS.alerts(params),
    queryFn: async () => {
      const answer = await api<StockAlert[] | { items: StockAlert[] }>("/api/stock/alerts", { query: params });
      return Array.isArray(answer) ? answer : answer.items;
    },
  });
}
