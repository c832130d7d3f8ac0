import { useQuery } from "@tanstack/react-query";
import { api } from "../../../app/api.ts";
import { ORG_KEYS } from "../org.keys.ts";
import type { LiaisonCoverage } from "../org.types.ts";

/** Villages and communities with and without an information liaison officer (信息联络员). */
export function useLiaisonCoverage() {
  return useQuery({ queryKey: ORG_KEYS.liaison, queryFn: () => api<LiaisonCoverage>("/api/org/liaison-coverage") });
}
