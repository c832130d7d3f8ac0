import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../../app/api.ts";
import type { UnmaskedPhones } from "../org.types.ts";

/**
 * Reveals one person's full phone numbers (audited on the server). The numbers stay in
 * this component's state only, never in the shared query cache.
 */
export function useUnmask() {
  const [revealed, setRevealed] = useState<Record<string, UnmaskedPhones>>({});
  const mutation = useMutation({
    mutationFn: (personId: string) => api<UnmaskedPhones>(`/api/org/people/${personId}/unmask`, { method: "POST" }),
    onSuccess: (phones, personId) => setRevealed((r) => ({ ...r, [personId]: phones })),
  });
  return {
    revealed,
    reveal: (personId: string) => mutation.mutateAsync(personId),
    pendingId: mutation.isPending ? mutation.variables : undefined,
  };
}
