import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateUserInput, UpdateUserInput, UserSummary } from "@yingji/contracts";
import { api } from "../../../app/api.ts";

export type SaveUser = { id: null; input: CreateUserInput } | { id: string; input: UpdateUserInput };

/** Creates an account (id null) or changes one with its version. */
export function useSaveUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: SaveUser) =>
      id === null
        ? api<UserSummary>("/api/users", { body: input })
        : api<UserSummary>(`/api/users/${id}`, { method: "PATCH", body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["users"] }),
  });
}
