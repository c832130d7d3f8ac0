import { MOVEMENT_KINDS, type Movement, type MovementKind } from "@yingji/contracts";
import { Select, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { useMovements, type MovementParams } from "../hooks/useMovements.ts";

const KIND_COLORS: Record<MovementKind, string> = { in: "green", out: "volcano", transfer: "blue", adjust: "purple" };

/** 出入库记录: every movement, newest first, with the balance after it. Append-only. */
export function MovementsTable({ warehouseId }: { warehouseId?: string }) {
  const { t, l } = useI18n();
  const [params, setParams] = useState<MovementParams>({ page: 1, pageSize: 20, warehouseId });
  const list = useMovements(params);
  return (
    <>
      <Select allowClear placeholder={t("mat.kind")} value={params.kind} onChange={(kind) => setParams((p) => ({ ...p, kind, page: 1 }))} style={{ width: 140, marginBottom: 12 }}
        options={(Object.keys(MOVEMENT_KINDS) as MovementKind[]).map((k) => ({ value: k, label: l(MOVEMENT_KINDS[k]) }))} />
      <Table<Movement>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: "max-content" }}
        data-testid="movements-table"
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total,
          showTotal: (n) => t("common.total", { n }),
          onChange: (page, pageSize) => setParams((p) => ({ ...p, page, pageSize })),
        }}
        columns={[
          { title: t("mat.at"), dataIndex: "at", width: 150, render: (v: string) => formatTime(v) },
          { title: t("mat.kind"), dataIndex: "kind", width: 80, render: (k: MovementKind) => <Tag color={KIND_COLORS[k]}>{l(MOVEMENT_KINDS[k])}</Tag> },
          ...(warehouseId ? [] : [{ title: t("mat.warehouse"), dataIndex: "warehouseName" }]),
          { title: t("mat.item"), dataIndex: "itemName" },
          { title: t("mat.batch"), dataIndex: "batch", render: (v: string) => v || <span className="muted">—</span> },
          {
            title: t("mat.delta"),
            dataIndex: "delta",
            align: "right",
            render: (v: number) => <Typography.Text type={v < 0 ? "danger" : "success"}>{v > 0 ? `+${v}` : v}</Typography.Text>,
          },
          { title: t("mat.balanceAfter"), dataIndex: "balanceAfter", align: "right" },
          { title: t("mat.reason"), dataIndex: "reason", ellipsis: true, render: (v: string | null) => v ?? <span className="muted">—</span> },
          { title: t("mat.by"), dataIndex: "byName", width: 100 },
        ]}
      />
    </>
  );
}
