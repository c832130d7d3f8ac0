import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../api.ts";
import { fetchMe, ME_KEY } from "./useMe.ts";

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api("/api/auth/password", { body: input }),
    // The server may rotate the session (and its CSRF token) when the password changes.
    onSuccess: async () => qc.setQueryData(ME_KEY, await fetchMe()),
  });
}
