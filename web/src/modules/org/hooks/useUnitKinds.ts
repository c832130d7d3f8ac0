import { useQuery } from "@tanstack/react-query";
import { UNIT_KINDS } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { useCan } from "../../../app/auth/useCan.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { ORG_KEYS } from "../org.keys.ts";
import type { UnitKindRow } from "../org.types.ts";

export function useUnitKinds() {
  const can = useCan();
  const query = useQuery({
    queryKey: ORG_KEYS.unitKinds,
    queryFn: () => api<UnitKindRow[]>("/api/org/unit-kinds"),
    staleTime: 10 * 60_000,
    enabled: can("org.read"),
  });
  const { lang } = useI18n();
  /** Label of a kind code in the UI language; kinds are data, the contracts' seed list is the fallback. */
  const kindLabel = (code: string): string => {
    const row = query.data?.find((k) => k.code === code);
    if (row) return lang === "zh" ? row.name : row.nameEn;
    const seed = UNIT_KINDS[code as keyof typeof UNIT_KINDS];
    return seed ? seed[lang] : code;
  };
  return { ...query, kindLabel };
}
