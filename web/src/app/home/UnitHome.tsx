import type { IncidentSummary, WarningSummary } from "@yingji/contracts";
import { Card, Col, Empty, List, Row, Space, Typography } from "antd";
import { Link } from "react-router";
import { useCan } from "../auth/useCan.ts";
import { useMe } from "../auth/useMe.ts";
import { PageHeader } from "../components/PageHeader.tsx";
import { useI18n } from "../i18n/useI18n.ts";
import { formatTime } from "../time.ts";
import { LevelTag as IncidentLevelTag } from "../../modules/incidents/components/IncidentTags.tsx";
import { useIncidents } from "../../modules/incidents/hooks/useIncidents.ts";
import { TodoCard } from "../../modules/todo/components/TodoCard.tsx";
import { LevelTag } from "../../modules/warnings/components/WarningTags.tsx";
import { useWarnings } from "../../modules/warnings/hooks/useWarnings.ts";

/** Warnings in force that the caller's unit can read (its own, those released to it, its sector's). */
export function WarningsInForce() {
  const { t } = useI18n();
  const list = useWarnings({ page: 1, pageSize: 10, active: "true" });
  const items = list.data?.items ?? [];
  return (
    <Card size="small" title={t("home.warningsInForce")} extra={<Link to="/warnings">{t("home.viewAll")}</Link>} loading={list.isPending} data-testid="home-warnings">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("home.warningsNone")} />
      ) : (
        <List<WarningSummary>
          size="small"
          dataSource={items}
          renderItem={(w) => (
            <List.Item key={w.id} data-testid={`home-warning-${w.id}`}>
              <Space size={6} wrap>
                <LevelTag level={w.level} />
                <Link to={`/warnings/${w.id}`}>{w.headline}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{w.unitName} · {t("warn.expiresAt")} {formatTime(w.expiresAt)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** A member department's sector: the incidents of the types it leads or joins, district-wide (read only unless it leads). */
function SectorIncidents() {
  const { t } = useI18n();
  const list = useIncidents({ page: 1, pageSize: 8 });
  const items = list.data?.items ?? [];
  return (
    <Card size="small" title={t("home.sector")} extra={<Link to="/incidents">{t("home.viewAll")}</Link>} loading={list.isPending} data-testid="home-sector">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span>{t("home.sectorNone")} <Link to="/org/responsibilities">{t("nav.org.responsibilities")}</Link></span>} />
      ) : (
        <List<IncidentSummary>
          size="small"
          dataSource={items}
          renderItem={(i) => (
            <List.Item key={i.id} data-testid={`home-sector-${i.id}`}>
              <Space size={6} wrap>
                <IncidentLevelTag level={i.level} />
                <Link to={`/incidents/${i.id}`}>{i.title}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{i.typeName} · {i.unitName} · {formatTime(i.learnedAt)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** Home of a town, village, department, enterprise or expert: its to-do list and the warnings in force for it. */
export function UnitHome() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const can = useCan();
  return (
    <div className="page" data-testid="home-unit">
      <PageHeader title={t("home.title")} sub={t("home.sub", { unit: me?.unitName ?? "" })} />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <TodoCard sub={t("todo.sub")} />
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={12} style={{ width: "100%" }}>
            {/* A department works by sector: its incidents come before the warnings. */}
            {me?.role === "dept" && can("incidents.read") && <SectorIncidents />}
            {can("warnings.read") && <WarningsInForce />}
          </Space>
        </Col>
      </Row>
    </div>
  );
}
