/** The three registries of the teams module: what each declares beyond the generic registry. */
import { EXPERTS, TEAMS, VOLUNTEERS } from "@yingji/contracts";
import { defineRegistry, type Row } from "../../platform/registry.ts";
import { experts, teams, volunteers } from "./teams.table.ts";
import { certificatesExpiring, headcountOf, readinessSince } from "./teams.rules.ts";

export const teamsRegistry = defineRegistry({
  decl: TEAMS,
  table: teams,
  derive(values, before) {
    const since = readinessSince(values.readiness as string | undefined, before as (Row & { readiness: string; readinessSince: Date }) | null, new Date());
    return { ...(since ? { readinessSince: since } : {}), headcount: headcountOf(values.headcount as number | null, values.members as unknown[]) };
  },
  present: (row, now) => ({
    readinessSince: (row.readinessSince as Date | null)?.toISOString() ?? null,
    certificatesExpiring: certificatesExpiring(row.members as never, now),
  }),
});

export const expertsRegistry = defineRegistry({ decl: EXPERTS, table: experts });

export const volunteersRegistry = defineRegistry({ decl: VOLUNTEERS, table: volunteers });
