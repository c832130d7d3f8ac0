import "../incidents.css";
import { Card, Col, Flex, Row, Select, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { dayjs } from "../../../app/time.ts";
import { LevelTag } from "../components/IncidentTags.tsx";
import { useIncidentStats } from "../hooks/useIncidentStats.ts";
import { FLAG_COLORS } from "../incidents.labels.ts";

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** 报送统计: on-time rate per unit and month, counts by type, level and town. */
export function StatsPage() {
  const { t, lang } = useI18n();
  const now = dayjs();
  const [year, setYear] = useState(now.year());
  const [month, setMonth] = useState<number | undefined>(now.month() + 1);
  const { data, isFetching } = useIncidentStats({ year, month });
  const years = Array.from({ length: 5 }, (_, i) => now.year() - i);

  return (
    <div className="page" data-testid="inc-stats">
      <PageHeader
        title={t("nav.inc.stats")}
        sub={t("inc.statsSub")}
        extra={
          <Flex gap={8}>
            <Select value={year} onChange={setYear} style={{ width: 100 }} options={years.map((y) => ({ value: y, label: String(y) }))} data-testid="stats-year" />
            <Select value={month ?? 0} onChange={(m) => setMonth(m || undefined)} style={{ width: 110 }} data-testid="stats-month"
              options={[{ value: 0, label: t("inc.allMonths") }, ...Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: lang === "zh" ? `${i + 1} 月` : dayjs().month(i).format("MMM") }))]} />
          </Flex>
        }
      />
      {data?.avgMinutesToInitialReport != null && (
        <Typography.Paragraph type="secondary">{t("inc.avgMinutes", { n: Math.round(data.avgMinutesToInitialReport) })}</Typography.Paragraph>
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t("inc.onTime")}>
            <Table size="small" rowKey={(r) => r.unitId + r.month} loading={isFetching} dataSource={data?.onTime} pagination={false} data-testid="stats-ontime"
              columns={[
                { title: t("rollup.town"), dataIndex: "unitName" },
                { title: t("inc.month"), dataIndex: "month", width: 90 },
                { title: t("inc.onTimeCount"), width: 120, render: (_, r) => `${r.onTime} / ${r.reports}` },
                { title: t("inc.onTime"), dataIndex: "rate", width: 100, render: (v: number) => <b style={{ color: v < 0.9 ? "#cf1322" : undefined }}>{pct(v)}</b> },
              ]} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t("inc.byTown")} style={{ marginBottom: 12 }}>
            <Table size="small" rowKey="unitId" loading={isFetching} dataSource={data?.byTown} pagination={false} data-testid="stats-town"
              columns={[{ title: t("liaison.town"), dataIndex: "unitName" }, { title: t("inc.count"), dataIndex: "count", width: 90 }]} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Card size="small" title={t("inc.byType")}>
            <Table size="small" rowKey="typeId" loading={isFetching} dataSource={data?.byType} pagination={false} data-testid="stats-type"
              columns={[{ title: t("inc.type"), dataIndex: "typeName" }, { title: t("inc.count"), dataIndex: "count", width: 90 }]} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" title={t("inc.byLevel")}>
            <Table size="small" rowKey="level" loading={isFetching} dataSource={data?.byLevel} pagination={false} data-testid="stats-level"
              columns={[{ title: t("inc.level"), dataIndex: "level", render: (v) => <LevelTag level={v} /> }, { title: t("inc.count"), dataIndex: "count", width: 90 }]} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t("inc.flagCounts")}>
            <Table size="small" rowKey={(r) => r.unitId + r.kind} loading={isFetching} dataSource={data?.flags} pagination={false} data-testid="stats-flags"
              columns={[
                { title: t("rollup.town"), dataIndex: "unitName" },
                { title: t("inc.flags"), dataIndex: "kind", render: (k: keyof typeof FLAG_COLORS) => <Tag color={FLAG_COLORS[k]}>{t(`inc.flag.${k}`)}</Tag> },
                { title: t("inc.count"), dataIndex: "count", width: 80 },
              ]} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
