import { asc, eq } from "drizzle-orm";
import type { IncidentType } from "@yingji/contracts";
import type { Q } from "../../db/client.ts";
import { incidentTypes } from "./incident-types.table.ts";

export async function listIncidentTypes(q: Q): Promise<IncidentType[]> {
  const rows = await q.select().from(incidentTypes).orderBy(asc(incidentTypes.code));
  return rows.map((r) => ({ ...r, category: r.category as IncidentType["category"] }));
}

export async function getIncidentType(q: Q, id: string) {
  const [row] = await q.select().from(incidentTypes).where(eq(incidentTypes.id, id));
  return row;
}
