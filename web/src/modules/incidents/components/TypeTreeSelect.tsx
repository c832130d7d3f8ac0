import type { IncidentType } from "@yingji/contracts";
import { TreeSelect } from "antd";
import { useMemo } from "react";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useIncidentTypes } from "../hooks/useIncidentTypes.ts";

interface Option {
  value: string;
  title: string;
  children: Option[];
}

/** Picks an incident type from the classification tree, searchable by name or code. */
export function TypeTreeSelect(props: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const { lang } = useI18n();
  const { data: types, isLoading } = useIncidentTypes();
  const treeData = useMemo(() => {
    const all = types ?? [];
    const nameOf = (x: IncidentType) => (lang === "zh" ? x.name : x.nameEn || x.name);
    const toOption = (x: IncidentType): Option => ({
      value: x.id,
      title: `${nameOf(x)}`,
      children: all.filter((c) => c.parentId === x.id).sort((a, b) => a.sort - b.sort).map(toOption),
    });
    return all.filter((x) => !x.parentId).sort((a, b) => a.sort - b.sort).map(toOption);
  }, [types, lang]);
  return (
    <TreeSelect
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={isLoading}
      showSearch={{ treeNodeFilterProp: "title" }}
      allowClear={props.allowClear}
      placeholder={props.placeholder}
      listHeight={360}
      popupMatchSelectWidth={false}
      style={{ minWidth: 200, ...props.style }}
      data-testid={props.testId}
    />
  );
}
