import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { ChecklistItem, DutyPhone, IncidentType, Me, Unit, Warning } from "@yingji/contracts";
import { useEffect } from "react";
import { api } from "../../app/api.ts";
import { useMe } from "../../app/auth/useMe.ts";
import { ORG_KEYS } from "../../modules/org/org.keys.ts";
import type { UnitKindRow } from "../../modules/org/org.types.ts";
import type { Inbox } from "../../modules/warnings/hooks/useInbox.ts";
import { WARN_KEYS } from "../../modules/warnings/warnings.keys.ts";
import { MAP_KEYS } from "../../modules/map/map.keys.ts";
import type { MapBase } from "../../modules/map/map.types.ts";

const FRESH_MS = 60_000;
/** At most this many warnings in force are kept with their full text and instructions. */
const IN_FORCE_MAX = 20;

/**
 * Loads, while there is a network, what the officer needs at the scene even on tabs not yet
 * opened (kept-queries.ts then keeps each answer): the same keys and requests as the pages' hooks.
 * Quiet: a failure here is no news to the user; the pages say it when they are opened.
 */
async function refreshKept(qc: QueryClient, me: Me) {
  const can = (p: string) => me.permissions.includes(p);
  const get = <T,>(queryKey: readonly unknown[], path: string, query?: Record<string, string>) =>
    qc.prefetchQuery({ queryKey, queryFn: () => api<T>(path, { query }), staleTime: FRESH_MS, meta: { quiet: true } });
  const jobs: Promise<void>[] = [
    get<IncidentType[]>(["incident-types"], "/api/incident-types"),
    // The outline the report form's map pick draws on, tiles or not.
    get<MapBase>(MAP_KEYS.base, "/api/map/base"),
  ];
  if (can("org.read")) {
    jobs.push(
      get<DutyPhone[]>(ORG_KEYS.dutyPhones, "/api/org/duty-phones"),
      get<Unit[]>(ORG_KEYS.units, "/api/org/units", { includeInactive: "true" }),
      get<UnitKindRow[]>(ORG_KEYS.unitKinds, "/api/org/unit-kinds"),
      get<Unit>(ORG_KEYS.unit(me.unitId), `/api/org/units/${me.unitId}`),
      get<ChecklistItem[]>(ORG_KEYS.checklist(me.unitId), `/api/org/units/${me.unitId}/checklist`),
    );
  }
  if (can("warnings.read")) {
    jobs.push(
      get<Inbox>(WARN_KEYS.inbox, "/api/warnings/inbox").then(() => {
        const inForce = (qc.getQueryData<Inbox>(WARN_KEYS.inbox) ?? []).filter((w) => w.status === "released" || w.status === "updated");
        return Promise.all(inForce.slice(0, IN_FORCE_MAX).map((w) => get<Warning>(WARN_KEYS.one(w.warningId), `/api/warnings/${w.warningId}`))).then(() => {});
      }),
    );
  }
  await Promise.allSettled(jobs);
}

/** Mounted once in the field app's shell: refreshes what is kept on start and when the network returns. */
export function KeepFresh() {
  const qc = useQueryClient();
  const { data: me } = useMe();
  useEffect(() => {
    if (!me) return;
    const run = () => {
      if (navigator.onLine) void refreshKept(qc, me);
    };
    run();
    window.addEventListener("online", run);
    return () => window.removeEventListener("online", run);
  }, [qc, me]);
  return null;
}
