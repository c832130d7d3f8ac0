import { useQuery } from "@tanstack/react-query";
import type { Me } from "@yingji/contracts";
import { api, ApiError, rememberSession } from "../api.ts";

export const ME_KEY = ["me"] as const;

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>("/api/auth/me", { quiet401: true });
    rememberSession(me);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      rememberSession(null);
      return null;
    }
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}
