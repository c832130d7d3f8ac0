import { useQuery } from "@tanstack/react-query";
import type { DutyPhone } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { useCan } from "../../../app/auth/useCan.ts";
import { useMe } from "../../../app/auth/useMe.ts";
import { ORG_KEYS } from "../org.keys.ts";
import { useUnits } from "./useUnits.ts";

export type DutyRelation = DutyPhone["relation"];

/** The order the groups are shown in: whom to escalate to, oneself, whom to reach down to. */
export const DUTY_RELATIONS: readonly DutyRelation[] = ["above", "self", "below"];

/**
 * 24-hour duty phones (值班电话) of the caller's own unit, every unit above it and the units
 * directly below: public office lines, never masked. Units above come nearest first (the town
 * before the district for a village), since that is who one calls first.
 */
export function useDutyPhones() {
  const can = useCan();
  const query = useQuery({
    queryKey: ORG_KEYS.dutyPhones,
    queryFn: () => api<DutyPhone[]>("/api/org/duty-phones"),
    enabled: can("org.read"),
    staleTime: 5 * 60_000,
  });
  const { data: me } = useMe();
  const { data: units } = useUnits();
  const rows = query.data ?? [];
  const groups: Record<DutyRelation, DutyPhone[]> = {
    above: rows.filter((r) => r.relation === "above").reverse(),
    self: rows.filter((r) => r.relation === "self"),
    below: rows.filter((r) => r.relation === "below"),
  };
  // Whether the user's unit has active units directly below at all: an empty 下级 group then means missing data.
  const hasChildren = !!units?.some((u) => u.active && u.parentId === me?.unitId);
  return { ...query, groups, hasChildren };
}
