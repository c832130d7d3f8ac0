import { useMutation } from "@tanstack/react-query";
import type { DrawResult } from "@yingji/contracts";
import type { z } from "zod";
import { api } from "../../../app/api.ts";

export type Draw = z.infer<typeof DrawResult>;

/** Draws units to check at random (weighted toward key periods); the draw is audited on the server. */
export function useDrawUnits() {
  return useMutation({ mutationFn: (count: number) => api<Draw>("/api/duty/spot-checks/draw", { body: { count } }) });
}
