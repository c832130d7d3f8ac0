import { useQuery } from "@tanstack/react-query";
import type { ShelterCoverage } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { SHELTERS_KEYS } from "../shelters.keys.ts";

/** Population against shelter capacity per town (GET /api/shelters/coverage). */
export function useCoverage() {
  return useQuery({ queryKey: SHELTERS_KEYS.coverage, queryFn: () => api<ShelterCoverage>("/api/shelters/coverage") });
}
