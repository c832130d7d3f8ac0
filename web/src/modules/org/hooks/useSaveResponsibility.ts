import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Responsibility } from "@yingji/contracts";
import type { z } from "zod";
import type { CreateResponsibilityInput, UpdateResponsibilityInput } from "@yingji/contracts";
import { api } from "../../../app/api.ts";

export type SaveResponsibility =
  | { id: null; input: z.infer<typeof CreateResponsibilityInput> }
  | { id: string; input: z.infer<typeof UpdateResponsibilityInput> };

export function useSaveResponsibility() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: SaveResponsibility) =>
      id === null
        ? api<Responsibility>("/api/org/responsibilities", { body: input })
        : api<Responsibility>(`/api/org/responsibilities/${id}`, { method: "PATCH", body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["org", "responsibilities"] }),
  });
}
