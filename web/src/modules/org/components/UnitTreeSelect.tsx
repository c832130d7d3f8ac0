import { TreeSelect } from "antd";
import { useMemo } from "react";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useUnits } from "../hooks/useUnits.ts";
import { buildUnitTree, type UnitNode } from "../unit-tree.ts";

interface Props {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Units that cannot be picked (e.g. a unit's own subtree when moving it). */
  disabledIds?: Set<string>;
  style?: React.CSSProperties;
  testId?: string;
}

interface TreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: TreeOption[];
}

/** Picks one active unit of the caller's scope, searchable by name. */
export function UnitTreeSelect({ value, onChange, placeholder, allowClear, disabledIds, style, testId }: Props) {
  const { t } = useI18n();
  const { data: units, isLoading } = useUnits();
  const treeData = useMemo(() => {
    const toOption = (n: UnitNode): TreeOption => ({
      value: n.unit.id,
      title: n.unit.name,
      disabled: disabledIds?.has(n.unit.id),
      children: n.children.map(toOption),
    });
    return buildUnitTree((units ?? []).filter((u) => u.active)).map(toOption);
  }, [units, disabledIds]);
  return (
    <TreeSelect
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={isLoading}
      showSearch={{ treeNodeFilterProp: "title" }}
      allowClear={allowClear}
      placeholder={placeholder ?? t("org.pickUnit")}
      treeDefaultExpandedKeys={treeData.map((o) => o.value)}
      listHeight={360}
      popupMatchSelectWidth={false}
      style={{ minWidth: 220, ...style }}
      data-testid={testId}
    />
  );
}
