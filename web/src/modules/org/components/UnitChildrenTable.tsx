import type { Unit } from "@yingji/contracts";
import { Table, Tag } from "antd";
import { Link } from "react-router";
import { PhoneLink } from "../../../app/components/PhoneLink.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useUnitKinds } from "../hooks/useUnitKinds.ts";
import { useUnits } from "../hooks/useUnits.ts";

export function UnitChildrenTable({ unitId }: { unitId: string }) {
  const { t } = useI18n();
  const { data: units, isLoading } = useUnits();
  const { kindLabel } = useUnitKinds();
  const children = (units ?? []).filter((u) => u.parentId === unitId).sort((a, b) => a.sort - b.sort);
  return (
    <Table<Unit>
      size="small"
      rowKey="id"
      loading={isLoading}
      dataSource={children}
      pagination={children.length > 20 ? { pageSize: 20, size: "small" } : false}
      data-testid="unit-children"
      columns={[
        {
          title: t("unit.name"),
          dataIndex: "name",
          render: (v: string, u) => (
            <>
              <Link to={`/org/units/${u.id}`}>{v}</Link> {!u.active && <Tag>{t("common.inactive")}</Tag>}
            </>
          ),
        },
        { title: t("unit.kind"), dataIndex: "kind", width: 110, render: (k: string) => kindLabel(k) },
        { title: t("unit.dutyPhone"), dataIndex: "dutyPhone", width: 180, render: (v: string | null) => <PhoneLink phone={v} /> },
        { title: t("unit.childCount"), dataIndex: "childCount", width: 100, align: "right" },
      ]}
    />
  );
}
