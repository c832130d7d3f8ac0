import { Card, Col, Progress, Row, Space, Statistic, Table, Tag } from "antd";
import { Link } from "react-router";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useLiaisonCoverage } from "../hooks/useLiaisonCoverage.ts";
import { useUnits } from "../hooks/useUnits.ts";
import type { LiaisonCoverage } from "../org.types.ts";

type TownRow = LiaisonCoverage["towns"][number];
const pct = (covered: number, total: number) => (total ? Math.round((covered / total) * 1000) / 10 : 0);

/** 联络员覆盖: which villages and communities have an information liaison officer. */
export function LiaisonCoveragePage() {
  const { t } = useI18n();
  const { data, isLoading } = useLiaisonCoverage();
  // A village officer's town is above their scope: its name is shown, not linked to a page they may not open.
  const { data: units } = useUnits();
  const inScope = (id: string) => !units || units.some((u) => u.id === id);
  const towns = [...(data?.towns ?? [])].sort((a, b) => b.missing.length - a.missing.length);

  return (
    <div className="page">
      <PageHeader title={t("nav.org.liaison")} sub={t("liaison.sub")} />
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t("liaison.villages")} value={data?.villages ?? 0} loading={isLoading} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t("liaison.covered")} value={data?.covered ?? 0} loading={isLoading} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic
              title={t("liaison.missingCount")}
              value={(data?.villages ?? 0) - (data?.covered ?? 0)}
              styles={{ content: { color: data && data.covered < data.villages ? "#cf1322" : undefined } }}
              loading={isLoading}
            />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t("liaison.rate")} value={Math.round((data?.rate ?? 0) * 1000) / 10} suffix="%" loading={isLoading} />
          </Card>
        </Col>
      </Row>
      <Card size="small">
        <Table<TownRow>
          size="small"
          rowKey={(r) => r.townId ?? "none"}
          loading={isLoading}
          dataSource={towns}
          pagination={false}
          data-testid="liaison-table"
          columns={[
            {
              title: t("liaison.town"),
              dataIndex: "townName",
              width: 200,
              render: (v: string | null, r) =>
                r.townId && inScope(r.townId) ? <Link to={`/org/units/${r.townId}`}>{v}</Link> : (v ?? t("liaison.noTown")),
            },
            { title: t("liaison.villages"), dataIndex: "villages", width: 110, align: "right" },
            { title: t("liaison.covered"), dataIndex: "covered", width: 110, align: "right" },
            {
              title: t("liaison.rate"),
              key: "rate",
              width: 220,
              render: (_v, r) => {
                const p = pct(r.covered, r.villages);
                return <Progress percent={p} size="small" strokeColor={p >= 100 ? "#389e0d" : p >= 80 ? "#0f4c9e" : "#d46b08"} />;
              },
            },
            {
              title: t("liaison.missing"),
              dataIndex: "missing",
              render: (missing: TownRow["missing"]) =>
                missing.length === 0 ? (
                  <Tag color="success">{t("liaison.allCovered")}</Tag>
                ) : (
                  <Space size={[4, 4]} wrap>
                    {missing.map((m) => (
                      <Link key={m.id} to={`/org/units/${m.id}`}>
                        <Tag color="warning">{m.name}</Tag>
                      </Link>
                    ))}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
