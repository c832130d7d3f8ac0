import type { SpotCheck } from "@yingji/contracts";
import { Table, Tag } from "antd";
import type { TablePaginationConfig } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { FAULT_LABEL, METHOD_LABEL } from "../spot-labels.ts";

/** Spot checks with their computed result and the rules they broke. */
export function SpotCheckTable({ rows, loading, pagination, testId }: { rows: SpotCheck[]; loading?: boolean; pagination: TablePaginationConfig | false; testId: string }) {
  const { t } = useI18n();
  return (
    <Table<SpotCheck>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={rows}
      pagination={pagination}
      data-testid={testId}
      columns={[
        { title: t("duty.spot.at"), dataIndex: "at", width: 150, render: (v: string) => formatTime(v) },
        { title: t("duty.spot.unit"), dataIndex: "unitName" },
        { title: t("duty.spot.method"), dataIndex: "method", width: 80, render: (m: SpotCheck["method"]) => t(METHOD_LABEL[m]) },
        {
          title: t("duty.spot.result"),
          dataIndex: "passed",
          width: 90,
          render: (p: boolean, r) => (
            <>
              <Tag color={p ? "green" : "red"}>{t(p ? "duty.spot.pass" : "duty.spot.fail")}</Tag>
              {r.exercise && <Tag color="orange">{t("duty.exercise")}</Tag>}
            </>
          ),
        },
        {
          title: t("duty.spot.faults"),
          dataIndex: "faults",
          render: (f: SpotCheck["faults"]) => (f.length ? f.map((x) => <Tag key={x}>{t(FAULT_LABEL[x])}</Tag>) : "—"),
        },
        { title: t("duty.spot.note"), dataIndex: "note", render: (v: string | null) => v ?? "—" },
      ]}
    />
  );
}
