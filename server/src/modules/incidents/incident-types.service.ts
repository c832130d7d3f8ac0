import { asc } from "drizzle-orm";
import type { IncidentType } from "@yingji/contracts";
import type { Q } from "../../db/client.ts";
import { cachedRead } from "../../platform/memo.ts";
import { incidentTypes } from "./incident-types.table.ts";

/** The type tree, reference data (cached a few seconds per database handle). */
export function listIncidentTypes(q: Q): Promise<IncidentType[]> {
  return cachedRead(q, "incidents.types", async () => {
    const rows = await q.select().from(incidentTypes).orderBy(asc(incidentTypes.code));
    return rows.map((r) => ({ ...r, category: r.category as IncidentType["category"] }));
  });
}

export async function getIncidentType(q: Q, id: string): Promise<IncidentType | undefined> {
  return (await listIncidentTypes(q)).find((t) => t.id === id);
}
