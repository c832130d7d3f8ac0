import { Card, Progress, Table } from "antd";
import type { SpotCheckStats } from "@yingji/contracts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { ExportFailuresButton } from "./ExportFailuresButton.tsx";
import { SpotCheckTable } from "./SpotCheckTable.tsx";

type UnitRow = SpotCheckStats["units"][number];

/** 抽查合格率 per unit, then the failures (the notice the export prints). */
export function SpotStats({ stats, loading }: { stats: SpotCheckStats | undefined; loading: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Card size="small" title={t("duty.spot.stats")}>
        <Table<UnitRow>
          size="small"
          rowKey="unitId"
          loading={loading}
          dataSource={stats?.units ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="spot-stats"
          columns={[
            { title: t("duty.spot.unit"), dataIndex: "unitName" },
            { title: t("duty.spot.checks"), dataIndex: "checks", width: 90, align: "right" },
            { title: t("duty.spot.passed"), dataIndex: "passed", width: 90, align: "right" },
            {
              title: t("duty.spot.rate"),
              dataIndex: "rate",
              width: 220,
              render: (r: number) => (
                <Progress percent={Math.round(r * 1000) / 10} size="small" strokeColor={r < 0.8 ? "#cf1322" : "#389e0d"} format={(p) => `${p}%`} />
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t("duty.spot.failures")} extra={<ExportFailuresButton />}>
        <SpotCheckTable rows={stats?.failures ?? []} loading={loading} pagination={{ pageSize: 10, hideOnSinglePage: true }} testId="spot-failures" />
      </Card>
    </>
  );
}
