import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { RegistryDecl } from "@yingji/contracts/registry";
import { api } from "../api.ts";
import type { Page } from "../page.ts";
import { REGISTRY_KEYS } from "./registry.keys.ts";
import type { RegistryParams, RegistryRow } from "./registry.types.ts";

/** One page of a registry (GET /api/<key>) with search, sort and filters. */
export function useRegistryList<R extends RegistryRow = RegistryRow>(decl: Pick<RegistryDecl, "key">, params: RegistryParams, enabled = true) {
  return useQuery({
    queryKey: REGISTRY_KEYS.list(decl.key, params),
    queryFn: ({ signal }) => api<Page<R>>(`/api/${decl.key}`, { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}
