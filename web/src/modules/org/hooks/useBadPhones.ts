import { useQuery } from "@tanstack/react-query";
import type { BadPhoneList } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { ORG_KEYS } from "../org.keys.ts";

/** Stored numbers in scope that are no valid phone, for the administrator to correct. */
export function useBadPhones(enabled = true) {
  return useQuery({ queryKey: ORG_KEYS.badPhones, queryFn: () => api<BadPhoneList>("/api/org/people/bad-phones"), enabled });
}
