import { z } from "zod";
import { Id } from "./common.ts";

/** The four categories of the national overall plan (国家突发公共事件总体应急预案). */
export const INCIDENT_CATEGORIES = ["natural", "accident", "health", "social"] as const;

export const IncidentType = z.object({
  id: Id,
  code: z.string().describe("classification code; the demo table follows GB/T 35561 in shape (unconfirmed), replaceable as data"),
  name: z.string(),
  nameEn: z.string(),
  parentId: Id.nullable(),
  category: z.enum(INCIDENT_CATEGORIES),
  sort: z.number().int(),
});
export type IncidentType = z.infer<typeof IncidentType>;
