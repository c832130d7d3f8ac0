import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { SetMinimumInput } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { MATERIALS_KEYS } from "../materials.keys.ts";

/** Sets the minimum reserve (最低储备) of an item in a warehouse. */
export function useSetMinimum() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.infer<typeof SetMinimumInput>) => api<unknown>("/api/stock/minimum", { method: "PUT", body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: MATERIALS_KEYS.all }),
  });
}
