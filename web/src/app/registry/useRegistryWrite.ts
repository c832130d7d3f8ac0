import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RegistryDecl } from "@yingji/contracts/registry";
import { api } from "../api.ts";
import { REGISTRY_KEYS } from "./registry.keys.ts";
import type { RegistryRow } from "./registry.types.ts";

/** Invalidates a registry's lists and records, and the map (its layers show the registry). */
export function useInvalidateRegistry() {
  const qc = useQueryClient();
  return (key: string) => Promise.all([qc.invalidateQueries({ queryKey: REGISTRY_KEYS.all(key) }), qc.invalidateQueries({ queryKey: ["map"] })]);
}

/** Creates (no id) or updates (id + version) a record; a stale version answers 409. */
export function useSaveRecord(decl: Pick<RegistryDecl, "key">) {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    meta: { quiet: true },
    mutationFn: ({ id, body }: { id?: string; body: Record<string, unknown> }) =>
      id ? api<RegistryRow>(`/api/${decl.key}/${id}`, { method: "PATCH", body }) : api<RegistryRow>(`/api/${decl.key}`, { method: "POST", body }),
    onSuccess: () => invalidate(decl.key),
  });
}

/** Deactivates a record (registries are never hard-deleted). */
export function useDeactivateRecord(decl: Pick<RegistryDecl, "key">) {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: (id: string) => api<unknown>(`/api/${decl.key}/${id}`, { method: "DELETE" }),
    onSuccess: () => invalidate(decl.key),
  });
}
