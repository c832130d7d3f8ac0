import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, rememberSession } from "../api.ts";
import { ME_KEY } from "./useMe.ts";

/** Signs out of this session, or of every session of the account (`everywhere`). */
export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (everywhere: boolean) =>
      api("/api/auth/" + (everywhere ? "logout-all" : "logout"), { method: "POST", quiet401: true }),
    onSettled: () => {
      rememberSession(null);
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    },
  });
}
