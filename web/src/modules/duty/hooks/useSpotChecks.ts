import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { SpotCheck } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import type { Page } from "../../../app/page.ts";
import { DUTY_KEYS } from "../duty.keys.ts";

export interface SpotCheckParams {
  page: number;
  pageSize: number;
  unitId?: string;
  passed?: "true" | "false";
}

/** One page of the spot-check records. */
export function useSpotChecks(params: SpotCheckParams) {
  return useQuery({
    queryKey: DUTY_KEYS.spotChecks(params),
    queryFn: () => api<Page<SpotCheck>>("/api/duty/spot-checks", { query: { ...params } }),
    placeholderData: keepPreviousData,
  });
}
