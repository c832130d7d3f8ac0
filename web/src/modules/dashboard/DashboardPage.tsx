import { ArrowRightOutlined, CheckCircleFilled, CloseCircleOutlined } from "@ant-design/icons";
import { SIX_IN_PLACE_LABELS, UNIT_KINDS, type Unit } from "@yingji/contracts";
import { Card, Col, Empty, Progress, Row, Space, Statistic, Table, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useCan } from "../../app/auth/useCan.ts";
import { useMe } from "../../app/auth/useMe.ts";
import { PageHeader } from "../../app/components/PageHeader.tsx";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { DutyPhoneList } from "../org/components/DutyPhoneList.tsx";
import { useChecklist } from "../org/hooks/useChecklist.ts";
import { useChecklistRollup } from "../org/hooks/useChecklistRollup.ts";
import { useLiaisonCoverage } from "../org/hooks/useLiaisonCoverage.ts";
import { useUnitKinds } from "../org/hooks/useUnitKinds.ts";
import { useUnits } from "../org/hooks/useUnits.ts";
import type { ChecklistRollupRow } from "../org/org.types.ts";
import { useHeadcount } from "./useHeadcount.ts";

const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);
const colourOf = (p: number) => (p >= 90 ? "#389e0d" : p >= 60 ? "#0f4c9e" : "#d46b08");
const SEED_ORDER = Object.keys(UNIT_KINDS);
const MAX_MISSING = 40;

/** A headline figure that opens the page it summarises. */
function StatCard({ title, value, suffix, foot, to, loading, testId, colour }: {
  title: string; value: number | string; suffix?: string; foot?: ReactNode; to: string; loading?: boolean; testId: string; colour?: string;
}) {
  return (
    <Link to={to} className="dash-stat-link" data-testid={testId}>
      <Card size="small" hoverable className="dash-stat">
        <Statistic title={title} value={value} suffix={suffix} loading={loading} styles={{ content: { color: colour } }} />
        <div className="dash-stat-foot">
          <span>{loading ? "\u00a0" : foot}</span>
          <ArrowRightOutlined />
        </div>
      </Card>
    </Link>
  );
}

/**
 * 首页: the user's scope at a glance, every figure read from the org APIs as they are now
 * (units by kind, 六落实, liaison coverage, the directory) and the duty phones of their chain.
 */
export function DashboardPage() {
  const { t, l } = useI18n();
  const can = useCan();
  const { data: me } = useMe();
  const units = useUnits();
  const kinds = useUnitKinds();
  const rollup = useChecklistRollup();
  const liaison = useLiaisonCoverage();
  const people = useHeadcount(false);
  const liaisonPeople = useHeadcount(true);
  // With nothing below to summarise (a village), the unit's own checklist is the figure.
  const ownChecklist = useChecklist(rollup.data && rollup.data.length === 0 ? me?.unitId : undefined);
  const canPeople = can("people.read");

  const all = units.data ?? [];
  const active = all.filter((u) => u.active);
  const inScope = new Set(all.map((u) => u.id));
  const byKind = countByKind(active, (code) => kinds.data?.find((k) => k.code === code)?.level);

  const rows = rollup.data ?? [];
  const done = rows.reduce((s, r) => s + r.itemsDone, 0);
  const total = rows.reduce((s, r) => s + r.itemsTotal, 0);
  const own = ownChecklist.data;
  const ownDone = own?.filter((i) => i.done).length ?? 0;
  const checklistFigure = rows.length ? { done, total } : { done: ownDone, total: own?.length ?? 6 };
  const lowest = [...rows].sort((a, b) => a.rate - b.rate || a.unitName.localeCompare(b.unitName, "zh")).slice(0, 6);

  const cov = liaison.data;
  const missing = (cov?.towns ?? []).flatMap((town) => town.missing.map((m) => ({ ...m, townId: town.townId, townName: town.townName })));
  const liaisonRate = cov ? pct(cov.covered, cov.villages) : 0;

  return (
    <div className="page dashboard" data-testid="dashboard">
      <PageHeader title={t("nav.dashboard")} sub={t("dash.sub", { unit: me?.unitName ?? "" })} />
      <Row gutter={[12, 12]}>
        <Col xs={24} sm={12} xl={6}>
          <StatCard
            testId="dash-stat-units"
            title={t("dash.units")}
            value={active.length}
            loading={units.isPending}
            to="/org"
            foot={all.length > active.length ? t("dash.inactive", { n: all.length - active.length }) : t("nav.org.tree")}
          />
        </Col>
        {canPeople && (
          <Col xs={24} sm={12} xl={6}>
            <StatCard
              testId="dash-stat-people"
              title={t("dash.people")}
              value={people.data ?? 0}
              loading={people.isPending}
              to="/org/people"
              foot={liaisonPeople.data !== undefined ? t("dash.liaisonPeople", { n: liaisonPeople.data }) : t("nav.org.people")}
            />
          </Col>
        )}
        <Col xs={24} sm={12} xl={6}>
          <StatCard
            testId="dash-stat-checklist"
            title={rows.length ? t("dash.checklistRate") : t("dash.ownChecklist")}
            value={pct(checklistFigure.done, checklistFigure.total)}
            suffix="%"
            colour={checklistFigure.total ? colourOf(pct(checklistFigure.done, checklistFigure.total)) : undefined}
            loading={rollup.isPending || (rows.length === 0 && ownChecklist.isPending)}
            to={rows.length ? "/org/checklist" : `/org/units/${me?.unitId}`}
            foot={t("dash.itemsDone", checklistFigure)}
          />
        </Col>
        {canPeople && (
          <Col xs={24} sm={12} xl={6}>
            <StatCard
              testId="dash-stat-liaison"
              title={t("dash.liaisonRate")}
              value={cov?.villages ? liaisonRate : "—"}
              suffix={cov?.villages ? "%" : undefined}
              colour={cov?.villages ? colourOf(liaisonRate) : undefined}
              loading={liaison.isPending}
              to="/org/liaison"
              foot={cov?.villages ? t("dash.liaisonCovered", { covered: cov.covered, total: cov.villages }) : t("dash.noVillages")}
            />
          </Col>
        )}
      </Row>

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={12} style={{ width: "100%" }}>
            {/* A unit with nothing below it (a village) has no make-up to show. */}
            {active.length > 1 && (
              <Card size="small" title={t("dash.byKind")} extra={<Link to="/org">{t("dash.open")}</Link>} data-testid="dash-by-kind">
                {byKind.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                ) : (
                  <div className="dash-kinds">
                    {byKind.map(([code, n]) => (
                      <div key={code} className="dash-kind" data-testid={`dash-kind-${code}`}>
                        <div className="dash-kind-n">{n}</div>
                        <div className="dash-kind-label">{kinds.kindLabel(code)}</div>
                      </div>
                    ))}
                  </div>
                )}
              </Card>
            )}

            {rows.length > 0 ? (
              <Card
                size="small"
                title={rows.length > 1 ? t("dash.lowest") : t("dash.checklistByUnit")}
                extra={<Link to="/org/checklist">{t("dash.viewAll")}</Link>}
                data-testid="dash-lowest"
              >
                <Table<ChecklistRollupRow>
                  size="small"
                  rowKey="unitId"
                  pagination={false}
                  dataSource={lowest}
                  columns={[
                    {
                      title: t("rollup.town"),
                      dataIndex: "unitName",
                      render: (v: string, r) => (inScope.has(r.unitId) ? <Link to={`/org/units/${r.unitId}`}>{v}</Link> : v),
                    },
                    { title: t("unit.kind"), dataIndex: "kind", width: 140, responsive: ["sm"], render: (k: string) => kinds.kindLabel(k) },
                    { title: t("rollup.items"), key: "items", width: 130, align: "right", render: (_v, r) => `${r.itemsDone} / ${r.itemsTotal}` },
                    {
                      title: t("rollup.rate"),
                      dataIndex: "rate",
                      width: "38%",
                      render: (rate: number) => <Progress percent={pct(rate, 1)} strokeColor={colourOf(pct(rate, 1))} size="small" />,
                    },
                  ]}
                />
              </Card>
            ) : (
              <Card
                size="small"
                title={t("dash.ownChecklist")}
                extra={me && <Link to={`/org/units/${me.unitId}`}>{t("dash.open")}</Link>}
                loading={rollup.isPending || ownChecklist.isPending}
                data-testid="dash-own-checklist"
              >
                <div className="dash-checks">
                  {(own ?? []).map((i) => (
                    <div key={i.item} className={i.done ? "dash-check dash-check-done" : "dash-check"}>
                      {i.done ? <CheckCircleFilled /> : <CloseCircleOutlined />} {l(SIX_IN_PLACE_LABELS[i.item])}
                    </div>
                  ))}
                </div>
              </Card>
            )}

            {canPeople && (
              <Card
                size="small"
                title={t("dash.missingLiaison")}
                extra={<Link to="/org/liaison">{t("dash.viewAll")}</Link>}
                loading={liaison.isPending}
                data-testid="dash-missing-liaison"
              >
                {!cov?.villages ? (
                  <Typography.Text type="secondary">{t("dash.noVillages")}</Typography.Text>
                ) : missing.length === 0 ? (
                  <Space>
                    <CheckCircleFilled style={{ color: "#389e0d" }} />
                    {t("dash.allCovered")}
                  </Space>
                ) : (
                  <Space size={[6, 8]} wrap>
                    {missing.slice(0, MAX_MISSING).map((m) => (
                      <Link key={m.id} to={`/org/units/${m.id}`}>
                        <Tag color="warning" className="dash-missing-tag">
                          {m.townName && m.townId !== me?.unitId ? <span className="muted">{m.townName} · </span> : null}
                          {m.name}
                        </Tag>
                      </Link>
                    ))}
                    {missing.length > MAX_MISSING && (
                      <Link to="/org/liaison">{t("dash.more", { n: missing.length - MAX_MISSING })}</Link>
                    )}
                  </Space>
                )}
              </Card>
            )}
          </Space>
        </Col>

        <Col xs={24} xl={8}>
          <Card
            size="small"
            title={
              <Space size={8}>
                {t("duty.title")}
                <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: "normal" }}>
                  {t("duty.sub")}
                </Typography.Text>
              </Space>
            }
            className="dash-duty"
            data-testid="dash-duty"
          >
            <DutyPhoneList testPrefix="dash-duty" />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

/** Active units per kind, in the seed order (区, 镇, 街道 … 企业), kinds added later by level after them. */
function countByKind(units: Unit[], levelOf: (code: string) => number | undefined): [string, number][] {
  const counts = new Map<string, number>();
  for (const u of units) counts.set(u.kind, (counts.get(u.kind) ?? 0) + 1);
  const rank = (code: string) => {
    const i = SEED_ORDER.indexOf(code);
    return i >= 0 ? i : SEED_ORDER.length + (levelOf(code) ?? 99);
  };
  return [...counts.entries()].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
}
