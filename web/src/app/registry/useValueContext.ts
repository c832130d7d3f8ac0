import { useMemo } from "react";
import { useIncidentTypes } from "../../modules/incidents/hooks/useIncidentTypes.ts";
import { useI18n } from "../i18n/useI18n.ts";
import type { ValueContext } from "./field-value.ts";

/** What formatting a field value needs beyond its declaration: the language and the type names. */
export function useValueContext(): ValueContext {
  const { t, lang } = useI18n();
  const { data: types } = useIncidentTypes();
  return useMemo(() => ({ lang, yes: t("common.yes"), no: t("common.no"), types: new Map((types ?? []).map((x) => [x.id, x])) }), [lang, t, types]);
}
