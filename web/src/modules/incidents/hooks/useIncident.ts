import { useQuery } from "@tanstack/react-query";
import type { Incident } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { INC_KEYS } from "../incidents.keys.ts";

export const fetchIncident = (id: string) => api<Incident>(`/api/incidents/${id}`);

/** An incident with its report chain, instructions, flags and deadlines. */
export function useIncident(id: string | undefined) {
  return useQuery({ queryKey: INC_KEYS.one(id ?? ""), queryFn: () => fetchIncident(id!), enabled: !!id });
}
