import type { IncidentType } from "@yingji/contracts";
import { TreeSelect } from "antd";
import { useMemo } from "react";
import { useIncidentTypes } from "../../modules/incidents/hooks/useIncidentTypes.ts";
import { useI18n } from "../i18n/useI18n.ts";

interface Option {
  value: string;
  title: string;
  children: Option[];
}

/** Several incident types (a team's capabilities, an expert's specialties). */
export function IncidentTypesSelect({ value, onChange, testId }: { value?: string[] | null; onChange?: (v: string[]) => void; testId?: string }) {
  const { lang } = useI18n();
  const { data: types, isLoading } = useIncidentTypes();
  const treeData = useMemo(() => {
    const all = types ?? [];
    const toOption = (x: IncidentType): Option => ({
      value: x.id,
      title: lang === "zh" ? x.name : x.nameEn || x.name,
      children: all.filter((c) => c.parentId === x.id).sort((a, b) => a.sort - b.sort).map(toOption),
    });
    return all.filter((x) => !x.parentId).sort((a, b) => a.sort - b.sort).map(toOption);
  }, [types, lang]);
  return (
    <TreeSelect
      multiple
      treeCheckable={false}
      value={value ?? []}
      onChange={(v) => onChange?.(v as string[])}
      treeData={treeData}
      loading={isLoading}
      showSearch={{ treeNodeFilterProp: "title" }}
      listHeight={360}
      style={{ width: "100%" }}
      data-testid={testId}
    />
  );
}
