import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../app/api.ts";

export function useDeleteResponsibility() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/api/org/responsibilities/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["org", "responsibilities"] }),
  });
}
