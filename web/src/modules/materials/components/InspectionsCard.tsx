import type { Inspection } from "@yingji/contracts";
import { Card, Table } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { useInspections } from "../hooks/useInspections.ts";

/** 盘点记录 of a warehouse: when, by whom, how many lines differed (each posted as an adjustment). */
export function InspectionsCard({ warehouseId }: { warehouseId: string }) {
  const { t } = useI18n();
  const list = useInspections(warehouseId);
  return (
    <Card size="small" title={t("mat.inspections")} style={{ marginTop: 12 }} data-testid="warehouse-inspections">
      <Table<Inspection>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data}
        pagination={{ pageSize: 5, size: "small", hideOnSinglePage: true }}
        expandable={{
          rowExpandable: (r) => r.lines.some((l) => l.difference !== 0),
          expandedRowRender: (r) => (
            <Table
              size="small"
              rowKey={(l) => `${l.itemId}:${l.batch}`}
              pagination={false}
              dataSource={r.lines.filter((l) => l.difference !== 0)}
              columns={[
                { title: t("mat.item"), dataIndex: "itemName" },
                { title: t("mat.batch"), dataIndex: "batch", render: (v: string) => v || "—" },
                { title: t("mat.expected"), dataIndex: "expected", align: "right" },
                { title: t("mat.counted"), dataIndex: "counted", align: "right" },
                { title: t("mat.difference"), dataIndex: "difference", align: "right" },
              ]}
            />
          ),
        }}
        columns={[
          { title: t("mat.at"), dataIndex: "at", render: (v: string) => formatTime(v) },
          { title: t("mat.by"), dataIndex: "byName" },
          { title: t("mat.lines"), render: (_, r) => r.lines.length },
          { title: t("mat.adjustments"), dataIndex: "adjustments" },
          { title: t("mat.note"), dataIndex: "note", ellipsis: true, render: (v: string | null) => v ?? "—" },
        ]}
      />
    </Card>
  );
}
