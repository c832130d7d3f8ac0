import { useQuery } from "@tanstack/react-query";
import type { IncidentType } from "@yingji/contracts";
import { api } from "../../../app/api.ts";

/** The incident classification (flat, with parentId); it changes rarely. */
export function useIncidentTypes() {
  return useQuery({
    queryKey: ["incident-types"],
    queryFn: () => api<IncidentType[]>("/api/incident-types"),
    staleTime: 30 * 60_000,
  });
}
