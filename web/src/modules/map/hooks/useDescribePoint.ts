import { SHELTER_STATUS } from "@yingji/contracts";
import type { Options } from "@yingji/contracts/registry";
import { useMemo } from "react";
import { DICT, type DictKey } from "../../../app/i18n/dict.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { fieldText, statusTone, type ValueContext } from "../../../app/registry/field-value.ts";
import { registryByKey } from "../../../app/registry/registries.ts";
import { useIncidentTypes } from "../../incidents/hooks/useIncidentTypes.ts";
import type { PopupText } from "../components/ResourceMap.tsx";
import { KIND_LABELS, type MapKind } from "../map-kinds.ts";
import type { PointProps } from "../map.types.ts";

/**
 * The popup words of a map point: the record's kind, its status, and the essentials the
 * layer sends, labelled and formatted by the registry's declaration where it names them.
 */
export function useDescribePoint(): (kind: MapKind, p: PointProps) => PopupText {
  const { t, l, lang } = useI18n();
  const { data: types } = useIncidentTypes();
  return useMemo(() => {
    const ctx: ValueContext = { lang, yes: t("common.yes"), no: t("common.no"), types: new Map((types ?? []).map((x) => [x.id, x])) };
    const statusText = (kind: MapKind, value: string): string => {
      const decl = registryByKey(kind);
      // The status-like enum of the registry: readiness (teams), availability (experts, volunteers).
      for (const f of Object.values(decl?.fields ?? {})) {
        const options = f.options as Options<string> | undefined;
        if (f.kind === "enum" && options?.[value] && f.filter) return l(options[value]);
      }
      if (kind === "shelters" && value in SHELTER_STATUS) return l(SHELTER_STATUS[value as keyof typeof SHELTER_STATUS]);
      const key = `inc.status.${value}`;
      return key in DICT ? t(key as DictKey) : value;
    };
    return (kind, p) => {
      const decl = registryByKey(kind);
      const lines: [string, string][] = [];
      for (const [k, v] of Object.entries(p.essentials ?? {})) {
        if (v === null || v === "") continue;
        const f = decl?.fields[k];
        const c = decl?.computed?.[k];
        if (f) lines.push([l(f.label), fieldText(f, v, ctx)]);
        else if (c) lines.push([l(c.label), fieldText({ kind: typeof v === "number" ? "number" : "text", suffix: c.suffix }, v, ctx)]);
        else lines.push([k, String(v)]);
      }
      return {
        kindLabel: t(KIND_LABELS[kind]),
        status: p.status ? { text: statusText(kind, p.status), tone: statusTone(p.status) ?? "ok" } : undefined,
        lines,
        openLabel: t("map.openRecord"),
        nearestLabel: t("map.nearestHere"),
      };
    };
  }, [t, l, lang, types]);
}
