import type { RegistryDecl } from "@yingji/contracts/registry";
import { Select } from "antd";
import { TypeTreeSelect } from "../../modules/incidents/components/TypeTreeSelect.tsx";
import { useI18n } from "../i18n/useI18n.ts";

export type FilterValues = Record<string, string | undefined>;

/**
 * The filters a registry declares (`filter: true`): one select per enum, a type tree for
 * capabilities/specialties, yes/no for flags. Used by the list, the export and the map layer.
 */
export function RegistryFilters({ decl, value, onChange, width = 150 }: { decl: RegistryDecl; value: FilterValues; onChange: (v: FilterValues) => void; width?: number }) {
  const { l, t } = useI18n();
  const set = (k: string, v: string | undefined) => onChange({ ...value, [k]: v });
  return (
    <>
      {Object.entries(decl.fields)
        .filter(([, f]) => f.filter)
        .map(([k, f]) => {
          const testId = `${decl.key}-filter-${k}`;
          if (f.kind === "incidentTypes") {
            return <TypeTreeSelect key={k} allowClear value={value[k]} onChange={(v) => set(k, v)} placeholder={l(f.label)} style={{ width: width + 40 }} testId={testId} />;
          }
          const options =
            f.kind === "boolean"
              ? [
                  { value: "true", label: t("common.yes") },
                  { value: "false", label: t("common.no") },
                ]
              : Object.entries(f.options ?? {}).map(([v, label]) => ({ value: v, label: l(label) }));
          return (
            <Select
              key={k}
              allowClear
              placeholder={l(f.label)}
              value={value[k]}
              onChange={(v) => set(k, v)}
              options={options}
              style={{ width }}
              popupMatchSelectWidth={false}
              data-testid={testId}
            />
          );
        })}
    </>
  );
}
