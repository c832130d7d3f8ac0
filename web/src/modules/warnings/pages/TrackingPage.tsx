import "../warnings.css";
import type { TrackedUnit } from "@yingji/contracts";
import { Badge, Card, Col, Empty, Progress, Result, Row, Segmented, Spin, Statistic, Table, Tag, Tooltip } from "antd";
import { useState } from "react";
import { useParams } from "react-router";
import { useCan } from "../../../app/auth/useCan.ts";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { PhoneLink } from "../../../app/components/PhoneLink.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { CallTaskList } from "../components/CallTaskList.tsx";
import { TrackingMap } from "../components/TrackingMap.tsx";
import { LevelTag, StatusTag } from "../components/WarningTags.tsx";
import { useCallTasks } from "../hooks/useCallTasks.ts";
import { useTracking } from "../hooks/useTracking.ts";
import { useWarning } from "../hooks/useWarning.ts";
import { useWarningFeedback } from "../hooks/useWarningFeedback.ts";
import { useWarningLive } from "../hooks/useWarningLive.ts";
import { DELIVERY_COLORS, LEVEL_COLORS } from "../warnings.labels.ts";

const pct = (x: number) => Math.round(x * 1000) / 10;

/** 签收反馈跟踪, live: coverage per channel, acknowledgement and feedback per town and unit, who has not answered, calls to make. */
export function TrackingPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const live = useWarningLive();
  const warning = useWarning(id);
  const tracking = useTracking(id);
  const feedback = useWarningFeedback(id);
  const calls = useCallTasks(true, can("warnings.calls"));
  const [show, setShow] = useState<"all" | "unanswered">("all");

  if (tracking.isPending || warning.isPending) return <Spin style={{ display: "block", margin: "80px auto" }} />;
  if (tracking.error || !tracking.data || !warning.data) return <Result status="404" title={t("common.notFound")} subTitle={tracking.error?.message} />;
  const w = warning.data;
  const tr = tracking.data;
  // Who has not answered comes first: overdue, then not acknowledged, then no feedback yet.
  const rank = (u: TrackedUnit) => (u.overdue ? 0 : !u.ackedAt ? 1 : !u.feedbackAt ? 2 : 3);
  const units = (show === "all" ? tr.units : tr.units.filter((u) => !u.ackedAt || !u.feedbackAt)).slice().sort((a, b) => rank(a) - rank(b));
  const myCalls = (calls.data ?? []).filter((c) => c.warningId === id);

  return (
    <div className="page" data-testid="warn-tracking">
      <PageHeader
        title={<><LevelTag level={w.level} /> {w.headline}</>}
        crumbs={[{ title: t("nav.warn.list"), to: "/warnings" }, { title: w.headline, to: `/warnings/${w.id}` }, { title: t("warn.tracking") }]}
        sub={<><StatusTag status={w.status} /> {t("warn.releasedAt")} {formatTime(w.releasedAt)}</>}
        extra={<Badge status={live ? "success" : "default"} text={live ? t("warn.live") : t("warn.offline")} data-testid="warn-live" />}
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t("warn.units")} value={tr.totals.units} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t("warn.ackRate")} value={pct(tr.totals.ackRate)} suffix={`% (${tr.totals.acked}/${tr.totals.units})`} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t("warn.feedbackRate")} value={pct(tr.totals.feedbackRate)} suffix={`% (${tr.totals.feedback}/${tr.totals.units})`} /></Card></Col>
        <Col xs={12} md={6}>
          <Card size="small"><Statistic title={t("warn.overdue")} value={tr.totals.overdue} styles={{ content: { color: tr.totals.overdue ? "#cf1322" : undefined } }} /></Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t("warn.map")} extra={<span className="muted" style={{ fontSize: 12 }}>{t("warn.mapHelp")}</span>} style={{ marginBottom: 12 }}>
            <TrackingMap units={tr.units} area={w.area} color={LEVEL_COLORS[w.level]} />
          </Card>
          <Card size="small" title={t("warn.coverage")} style={{ marginBottom: 12 }} data-testid="warn-coverage">
            {tr.channels.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
            {tr.channels.map((c) => (
              <div key={c.channel} style={{ marginBottom: 10 }} data-testid={`warn-coverage-${c.channel}`}>
                <div style={{ display: "flex", justifyContent: "space-between" }}>
                  <b>{t(`warn.channel.${c.channel}`)}</b>
                  <span>{t("warn.reached")} {pct(c.reachedRate)}% · {c.total}</span>
                </div>
                <Tooltip title={(["read", "delivered", "sent", "queued", "failed"] as const).map((s) => `${t(`warn.dstatus.${s}`)} ${c[s]}`).join(" · ")}>
                  <Progress percent={pct(c.reachedRate)} success={{ percent: c.total ? pct((c.read + c.delivered) / c.total) : 0 }} showInfo={false} />
                </Tooltip>
                <div className="muted" style={{ fontSize: 12 }}>
                  {(["read", "delivered", "sent", "queued", "failed"] as const).filter((s) => c[s] > 0).map((s) => (
                    <span key={s} style={{ marginRight: 10 }}><i className="warn-dot" style={{ background: DELIVERY_COLORS[s] }} />{t(`warn.dstatus.${s}`)} {c[s]}</span>
                  ))}
                </div>
              </div>
            ))}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t("warn.byTown")} style={{ marginBottom: 12 }}>
            <Table
              size="small"
              rowKey={(r) => r.unitId ?? r.name}
              dataSource={tr.towns}
              pagination={false}
              data-testid="warn-towns"
              rowClassName={(r) => (r.overdue ? "warn-overdue" : "")}
              columns={[
                { title: t("warn.town"), dataIndex: "name", render: (v: string, r) => <span data-testid={`warn-town-${r.name}`}>{v}</span> },
                { title: t("warn.units"), dataIndex: "units", align: "right", width: 70 },
                { title: t("warn.ackRate"), dataIndex: "ackRate", width: 150, render: (v: number, r) => <Progress percent={pct(v)} size="small" format={() => `${r.acked}/${r.units}`} /> },
                { title: t("warn.feedbackRate"), dataIndex: "feedbackRate", width: 150, render: (v: number, r) => <Progress percent={pct(v)} size="small" strokeColor="#52c41a" format={() => `${r.feedback}/${r.units}`} /> },
                {
                  title: t("warn.status"), width: 100,
                  render: (_, r) => r.units > 0 && r.feedback === r.units
                    ? <Tag color="success" data-testid={`warn-town-state-${r.name}`}>{t("warn.complete")}</Tag>
                    : <Tag color={r.overdue ? "error" : "default"} data-testid={`warn-town-state-${r.name}`}>{r.overdue ? t("warn.overdue") : t("warn.pending")}</Tag>,
                },
              ]}
            />
          </Card>
          <Card
            size="small"
            title={t("warn.byUnit")}
            style={{ marginBottom: 12 }}
            extra={<Segmented size="small" value={show} onChange={(v) => setShow(v as typeof show)} options={[{ value: "all", label: t("common.total", { n: tr.units.length }) }, { value: "unanswered", label: t("warn.unanswered") }]} data-testid="warn-units-filter" />}
          >
            <Table<TrackedUnit>
              size="small"
              rowKey="unitId"
              dataSource={units}
              data-testid="warn-units"
              pagination={units.length > 15 ? { pageSize: 15, size: "small" } : false}
              rowClassName={(u) => (u.overdue ? "warn-overdue" : "")}
              locale={{ emptyText: t("warn.allAnswered") }}
              columns={[
                { title: t("warn.unit"), dataIndex: "name", width: 190, render: (v: string, u) => <span data-testid={`warn-unit-${u.unitId}`} className={u.overdue ? "warn-overdue-text" : ""}>{v}</span> },
                { title: t("warn.dueAt"), dataIndex: "dueAt", width: 130, render: (v: string) => formatTime(v) },
                { title: t("warn.ackedAt"), dataIndex: "ackedAt", width: 130, render: (v: string | null, u) => v ? formatTime(v) : <Tag color={u.overdue ? "error" : "default"}>{u.overdue ? t("warn.overdue") : t("warn.notAcked")}</Tag> },
                { title: t("warn.feedbackAt"), dataIndex: "feedbackAt", width: 130, render: (v: string | null) => v ? formatTime(v) : <span className="muted">{t("warn.noFeedback")}</span> },
                { title: t("warn.phones"), dataIndex: "dutyPhone", width: 150, render: (v: string | null) => <PhoneLink phone={v} /> },
              ]}
            />
          </Card>
          {can("warnings.calls") && (
            <Card size="small" title={t("warn.callTasks")} style={{ marginBottom: 12 }}>
              <CallTaskList tasks={myCalls} />
            </Card>
          )}
          <Card size="small" title={t("warn.feedbackList")} data-testid="warn-feedback-list">
            {(feedback.data ?? []).length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("warn.noFeedback")} />}
            {(feedback.data ?? []).map((f) => (
              <div key={f.id} className="warn-feedback-item">
                <b>{f.unitName}</b> <span className="muted">{formatTime(f.at)} · {f.byName}</span>
                <div className="warn-text">{f.measures}</div>
                <div className="muted">
                  {t("warn.responseLevel")} {f.responseLevel === "none" ? t("warn.responseLevel.none") : `${f.responseLevel} 级`} · {t("warn.peopleSent")} {f.peopleSent} · {t("warn.teamsSent")} {f.teamsSent} · {t("warn.watchers")} {f.watchers}
                </div>
              </div>
            ))}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
