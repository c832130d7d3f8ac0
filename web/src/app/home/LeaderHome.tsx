import { CheckCircleFilled } from "@ant-design/icons";
import { Card, Col, Empty, List, Row, Space, Tag } from "antd";
import { Link } from "react-router";
import { useMe } from "../auth/useMe.ts";
import { PageHeader } from "../components/PageHeader.tsx";
import { useI18n } from "../i18n/useI18n.ts";
import { useIncidents } from "../../modules/incidents/hooks/useIncidents.ts";
import { TodoCard } from "../../modules/todo/components/TodoCard.tsx";
import { WarningsInForce } from "./UnitHome.tsx";

/** Open incidents with a missed deadline, counted per responsible unit (the overdue flag is computed at reading). */
function OverdueByUnit() {
  const { t } = useI18n();
  const list = useIncidents({ page: 1, pageSize: 200, flag: "overdue" });
  const byUnit = new Map<string, { unitId: string; name: string; n: number; incidents: { id: string; title: string }[] }>();
  // Drill data stays out of what a leader is told is overdue.
  for (const i of (list.data?.items ?? []).filter((x) => !x.exercise)) {
    const row = byUnit.get(i.unitId) ?? { unitId: i.unitId, name: i.unitName, n: 0, incidents: [] };
    row.n++;
    if (row.incidents.length < 3) row.incidents.push({ id: i.id, title: i.title });
    byUnit.set(i.unitId, row);
  }
  const rows = [...byUnit.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name, "zh"));
  return (
    <Card size="small" title={t("home.leader.overdue")} extra={<Link to="/incidents">{t("home.viewAll")}</Link>} loading={list.isPending} data-testid="home-overdue">
      {rows.length === 0 ? (
        <Empty image={<CheckCircleFilled style={{ fontSize: 32, color: "#389e0d" }} />} description={t("home.leader.overdueNone")} />
      ) : (
        <List
          size="small"
          dataSource={rows}
          renderItem={(r) => (
            <List.Item key={r.unitId} data-testid={`home-overdue-${r.unitId}`}>
              <div style={{ width: "100%" }}>
                <div className="home-overdue-row">
                  <b>{r.name}</b>
                  <Tag color="red">{t("home.leader.overdueItems", { n: r.n })}</Tag>
                </div>
                {r.incidents.map((i) => (
                  <div key={i.id} className="muted" style={{ fontSize: 12 }}>
                    <Link to={`/incidents/${i.id}`}>{i.title}</Link>
                  </div>
                ))}
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** A leader's home: what waits for their decision (release, instruction), what is overdue by unit, the warnings in force. */
export function LeaderHome() {
  const { t } = useI18n();
  const { data: me } = useMe();
  return (
    <div className="page" data-testid="home-leader">
      <PageHeader title={t("home.title")} sub={t("home.sub", { unit: me?.unitName ?? "" })} />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={12} style={{ width: "100%" }}>
            <TodoCard title={t("home.leader.decide")} sub={t("home.leader.decideSub")} testId="home-decide" />
            <WarningsInForce />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <OverdueByUnit />
        </Col>
      </Row>
    </div>
  );
}
