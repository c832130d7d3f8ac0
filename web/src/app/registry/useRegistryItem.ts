import { useQuery } from "@tanstack/react-query";
import type { HistoryEntry, RegistryDecl } from "@yingji/contracts/registry";
import { api } from "../api.ts";
import { REGISTRY_KEYS } from "./registry.keys.ts";
import type { RegistryRow } from "./registry.types.ts";

/** One record of a registry (GET /api/<key>/:id), with its version for the next write. */
export function useRegistryItem<R extends RegistryRow = RegistryRow>(decl: Pick<RegistryDecl, "key">, id: string | undefined) {
  return useQuery({
    queryKey: REGISTRY_KEYS.one(decl.key, id ?? ""),
    queryFn: () => api<R>(`/api/${decl.key}/${id}`),
    enabled: !!id,
  });
}

/** The audit entries of one record, oldest first (GET /api/<key>/:id/history). */
export function useRegistryHistory(decl: Pick<RegistryDecl, "key">, id: string | undefined) {
  return useQuery({
    queryKey: REGISTRY_KEYS.history(decl.key, id ?? ""),
    queryFn: () => api<HistoryEntry[]>(`/api/${decl.key}/${id}/history`),
    enabled: !!id,
  });
}
