import type { ShelterCoverage } from "@yingji/contracts";
import { Card, Col, Progress, Row, Statistic, Table } from "antd";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useCoverage } from "../hooks/useCoverage.ts";

type Town = ShelterCoverage["towns"][number];

const pct = (ratio: number) => Math.round(ratio * 1000) / 10;

/** 覆盖分析: per town, population against the capacity of its shelters. */
export function CoveragePage() {
  const { t } = useI18n();
  const cov = useCoverage();
  const total = cov.data?.total;
  return (
    <div className="page">
      <PageHeader title={t("nav.sh.coverage")} sub={cov.data ? t("sh.coverageSub", { m2: cov.data.m2PerPerson }) : undefined} />
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic title={t("sh.population")} value={total?.population ?? 0} suffix="人" loading={cov.isLoading} />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic title={t("sh.capacity")} value={total?.capacity ?? 0} suffix="人" loading={cov.isLoading} />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic title={t("sh.ratio")} value={total ? pct(total.ratio) : 0} suffix="%" precision={1} loading={cov.isLoading} />
          </Card>
        </Col>
      </Row>
      <Card size="small">
        <Table<Town>
          rowKey="unitId"
          size="middle"
          loading={cov.isLoading}
          dataSource={cov.data?.towns}
          pagination={false}
          scroll={{ x: "max-content" }}
          data-testid="coverage-table"
          columns={[
            { title: t("sh.town"), dataIndex: "name" },
            { title: t("sh.population"), dataIndex: "population", align: "right", sorter: (a, b) => a.population - b.population, render: (v: number) => v.toLocaleString("zh-CN") },
            { title: t("sh.shelters"), dataIndex: "shelters", align: "right" },
            { title: t("sh.capacity"), dataIndex: "capacity", align: "right", render: (v: number) => v.toLocaleString("zh-CN") },
            {
              title: t("sh.ratio"),
              dataIndex: "ratio",
              width: 240,
              defaultSortOrder: "ascend",
              sorter: (a, b) => a.ratio - b.ratio,
              render: (r: number) => <Progress percent={Math.min(100, pct(r))} format={() => `${pct(r)}%`} status={r < 0.5 ? "exception" : r < 1 ? "normal" : "success"} size="small" />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
