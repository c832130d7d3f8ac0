import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../api.ts";
import { fetchMe, ME_KEY } from "./useMe.ts";

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
}

/** Enrolment of the second factor (动态口令): get a secret, then confirm it with a code. */
export function useTotpEnrol() {
  const qc = useQueryClient();
  const setup = useMutation({
    mutationFn: () => api<TotpSetup>("/api/auth/totp/setup", { method: "POST" }),
  });
  const enable = useMutation({
    mutationFn: (code: string) => api("/api/auth/totp/enable", { body: { code } }),
    onSuccess: async () => qc.setQueryData(ME_KEY, await fetchMe()),
  });
  return { setup, enable };
}
