import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { LoginInput, Me } from "@yingji/contracts";
import { api, rememberSession } from "../api.ts";
import { ME_KEY } from "./useMe.ts";

/** Signs in; a 401 with code "totp_required" asks for the 6-digit code (the caller shows the field). */
export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    meta: { quiet: true },
    mutationFn: (input: LoginInput) => api<Me>("/api/auth/login", { body: input, quiet401: true }),
    onSuccess: (me) => {
      rememberSession(me);
      qc.clear();
      qc.setQueryData(ME_KEY, me);
    },
  });
}
