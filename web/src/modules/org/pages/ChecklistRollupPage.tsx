import { Button, Card, Col, Empty, Progress, Row, Statistic, Table } from "antd";
import { Link } from "react-router";
import { useMe } from "../../../app/auth/useMe.ts";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useChecklistRollup } from "../hooks/useChecklistRollup.ts";
import { useUnitKinds } from "../hooks/useUnitKinds.ts";
import type { ChecklistRollupRow } from "../org.types.ts";

const pct = (rate: number) => Math.round(rate * 1000) / 10;
const colourOf = (rate: number) => (rate >= 0.9 ? "#389e0d" : rate >= 0.6 ? "#0f4c9e" : "#d46b08");

/** 六落实 rollup: completion of the six-in-place checklist per town, its subtree included. */
export function ChecklistRollupPage() {
  const { t } = useI18n();
  const { data: rows, isLoading } = useChecklistRollup();
  const { kindLabel } = useUnitKinds();
  const { data: me } = useMe();
  const done = rows?.reduce((s, r) => s + r.itemsDone, 0) ?? 0;
  const total = rows?.reduce((s, r) => s + r.itemsTotal, 0) ?? 0;
  const units = rows?.reduce((s, r) => s + r.units, 0) ?? 0;
  const complete = rows?.filter((r) => r.itemsTotal > 0 && r.itemsDone === r.itemsTotal).length ?? 0;
  const sorted = [...(rows ?? [])].sort((a, b) => b.rate - a.rate);

  return (
    <div className="page">
      <PageHeader title={t("nav.org.checklist")} sub={t("rollup.sub")} />
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t("rollup.overall")} value={total ? pct(done / total) : "—"} suffix={total ? "%" : undefined} loading={isLoading} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t("rollup.towns")} value={rows?.length ?? 0} loading={isLoading} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t("rollup.units")} value={units} loading={isLoading} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t("rollup.complete")} value={complete} suffix={`/ ${rows?.length ?? 0}`} loading={isLoading} />
          </Card>
        </Col>
      </Row>
      <Card size="small">
        <Table<ChecklistRollupRow>
          size="small"
          rowKey="unitId"
          loading={isLoading}
          dataSource={sorted}
          pagination={false}
          data-testid="rollup-table"
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("rollup.empty")}>
                {me && (
                  <Link to={`/org/units/${me.unitId}`}>
                    <Button type="primary" data-testid="rollup-open-own">
                      {t("rollup.openOwn")}
                    </Button>
                  </Link>
                )}
              </Empty>
            ),
          }}
          columns={[
            { title: "#", key: "rank", width: 50, render: (_v, _r, i) => i + 1 },
            {
              title: t("rollup.town"),
              dataIndex: "unitName",
              render: (v: string, r) => <Link to={`/org/units/${r.unitId}`}>{v}</Link>,
            },
            { title: t("unit.kind"), dataIndex: "kind", width: 110, render: (k: string) => kindLabel(k) },
            { title: t("rollup.unitsCol"), dataIndex: "units", width: 100, align: "right" },
            {
              title: t("rollup.items"),
              key: "items",
              width: 140,
              align: "right",
              render: (_v, r) => `${r.itemsDone} / ${r.itemsTotal}`,
            },
            {
              title: t("rollup.rate"),
              dataIndex: "rate",
              width: 320,
              sorter: (a, b) => a.rate - b.rate,
              render: (rate: number) => <Progress percent={pct(rate)} strokeColor={colourOf(rate)} size="small" />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
