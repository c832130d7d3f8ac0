import { TreeSelect } from "antd";
import { useMemo } from "react";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useUnits } from "../../org/hooks/useUnits.ts";
import { buildUnitTree, type UnitNode } from "../../org/unit-tree.ts";

interface Option {
  value: string;
  title: string;
  children: Option[];
}

/** Picks several units of the caller's scope; a picked unit stands for its whole subtree. */
export function UnitsPicker(props: { value?: string[]; onChange?: (ids: string[]) => void; placeholder?: string; testId?: string }) {
  const { t } = useI18n();
  const { data: units, isLoading } = useUnits();
  const treeData = useMemo(() => {
    const toOption = (n: UnitNode): Option => ({ value: n.unit.id, title: n.unit.name, children: n.children.map(toOption) });
    return buildUnitTree((units ?? []).filter((u) => u.active)).map(toOption);
  }, [units]);
  return (
    <TreeSelect
      multiple
      treeCheckable
      treeCheckStrictly={false}
      showCheckedStrategy={TreeSelect.SHOW_PARENT}
      value={props.value ?? []}
      onChange={(v: string[]) => props.onChange?.(v)}
      treeData={treeData}
      loading={isLoading}
      showSearch={{ treeNodeFilterProp: "title" }}
      placeholder={props.placeholder ?? t("org.pickUnit")}
      treeDefaultExpandedKeys={treeData.map((o) => o.value)}
      listHeight={360}
      maxTagCount={12}
      style={{ width: "100%" }}
      data-testid={props.testId}
    />
  );
}
