import "../incidents.css";
import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Descriptions, Empty, Result, Row, Spin, Table, Tag, Timeline } from "antd";
import { useState } from "react";
import { useParams } from "react-router";
import { download } from "../../../app/api.ts";
import { useCan } from "../../../app/auth/useCan.ts";
import { useMe } from "../../../app/auth/useMe.ts";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { Countdown } from "../components/Countdown.tsx";
import { FlagTags, LevelTag, StatusTag } from "../components/IncidentTags.tsx";
import { ReportCard } from "../components/ReportCard.tsx";
import { ReportModal } from "../components/ReportModal.tsx";
import { TextModal } from "../components/TextModal.tsx";
import { useAddInstruction } from "../hooks/useAddInstruction.ts";
import { useForwardReport } from "../hooks/useForwardReport.ts";
import { useDutyPhones } from "../../org/hooks/useDutyPhones.ts";
import { useIncident } from "../hooks/useIncident.ts";
import { useLiveEvents } from "../hooks/useLiveEvents.ts";
import { DEADLINE_STATUS_COLORS, FLAG_COLORS } from "../incidents.labels.ts";

/** Most severe first (I 特别重大 … IV 一般). */
const LEVEL_ORDER = ["I", "II", "III", "IV"];

/** One incident: its report chain, forwarding, instructions, deadlines and flags, with the actions the role allows. */
export function IncidentDetailPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const { data: me } = useMe();
  const { data: inc, isPending, error } = useIncident(id);
  const [reportKind, setReportKind] = useState<"followup" | "final" | null>(null);
  const [instructing, setInstructing] = useState(false);
  const [forwarding, setForwarding] = useState<string | null>(null);
  const instruct = useAddInstruction(id);
  const forward = useForwardReport(id);
  const dutyPhones = useDutyPhones();
  useLiveEvents();

  if (isPending) return <Spin style={{ display: "block", margin: "80px auto" }} />;
  if (error || !inc) return <Result status="404" title={t("common.notFound")} subTitle={error?.message} />;

  const crumbs = [{ title: t("nav.inc.list"), to: "/incidents" }, { title: inc.title }];
  // A report passes one level up: to the nearest unit above the caller's.
  const forwardTo = dutyPhones.groups.above[0]?.name;
  const forwardDueOf = (reportId: string) => inc.deadlines.find((d) => d.kind === "forward" && d.reportId === reportId && !d.metAt)?.dueAt;
  const forwardingDue = forwarding ? forwardDueOf(forwarding) : undefined;
  return (
    <div className="page" data-testid="inc-detail">
      <PageHeader
        title={<span data-testid="inc-detail-title">{inc.title}</span>}
        crumbs={crumbs}
        sub={`${inc.typeName} · ${inc.unitName} · ${inc.address}${inc.approximate ? `（${t("inc.approx")}）` : ""}`}
        extra={
          <>
            {can("incidents.report") && inc.status !== "closed" && (
              <>
                <Button onClick={() => setReportKind("followup")} data-testid="inc-followup">{t("inc.addFollowup")}</Button>
                <Button onClick={() => setReportKind("final")} data-testid="inc-final">{t("inc.addFinal")}</Button>
              </>
            )}
            {can("incidents.instruct") && (
              <Button type="primary" onClick={() => setInstructing(true)} data-testid="inc-instruct">{t("inc.addInstruction")}</Button>
            )}
            <Button icon={<DownloadOutlined />} onClick={() => void download(`/api/incidents/${inc.id}/special-report.docx`, "专报.docx").catch(() => {})} data-testid="inc-special-report">
              {t("inc.specialReport")}
            </Button>
          </>
        }
      />
      {inc.suggestedLevel !== inc.level && (
        <Alert type={LEVEL_ORDER.indexOf(inc.suggestedLevel) < LEVEL_ORDER.indexOf(inc.level) ? "warning" : "info"} showIcon style={{ marginBottom: 12 }} title={t("inc.suggestedDiffers", { level: inc.suggestedLevel })} data-testid="inc-suggested-differs" />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t("inc.level")}><LevelTag level={inc.level} /></Descriptions.Item>
              <Descriptions.Item label={t("inc.suggested")}><span data-testid="inc-suggested"><LevelTag level={inc.suggestedLevel} /></span></Descriptions.Item>
              <Descriptions.Item label={t("inc.status")}><StatusTag status={inc.status} /></Descriptions.Item>
              <Descriptions.Item label={t("inc.flags")}>{inc.flags.length || inc.exercise || inc.sensitive ? <FlagTags flags={inc.flags} exercise={inc.exercise} sensitive={inc.sensitive} /> : "—"}</Descriptions.Item>
              <Descriptions.Item label={t("inc.occurredAt")}>{formatTime(inc.occurredAt)}</Descriptions.Item>
              <Descriptions.Item label={t("inc.learnedAt")}>{formatTime(inc.learnedAt)}</Descriptions.Item>
              <Descriptions.Item label={t("inc.place")}>{inc.address} ({inc.lat.toFixed(4)}, {inc.lon.toFixed(4)})</Descriptions.Item>
              <Descriptions.Item label={t("inc.nextDue")}><Countdown deadlines={inc.deadlines} /></Descriptions.Item>
              <Descriptions.Item label={t("inc.casualtyWindow")}><span data-testid="inc-casualty-window">{formatTime(inc.casualtyWindowEndsAt)}</span></Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t("inc.reports")} data-testid="inc-reports">
            <Timeline
              items={inc.reports.map((r) => ({
                color: r.kind === "final" ? "green" : r.late ? "orange" : "blue",
                content: (
                  <ReportCard
                    report={r}
                    canForward={can("incidents.forward") && r.atUnitId === me?.unitId}
                    onForward={() => setForwarding(r.id)}
                    forwardTo={forwardTo}
                    forwardDue={forwardDueOf(r.id)}
                  />
                ),
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t("inc.instructions")} style={{ marginBottom: 12 }} data-testid="inc-instructions">
            {inc.instructions.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("inc.noInstructions")} />
            ) : (
              inc.instructions.map((i) => (
                <div key={i.id} className="inc-instruction" data-testid={`inc-instruction-${i.id}`}>
                  <div className="inc-instruction-text">{i.text}</div>
                  <div className="muted">{i.byName} · {i.byUnitName} · {formatTime(i.at)}</div>
                </div>
              ))
            )}
          </Card>
          <Card size="small" title={t("inc.deadlines")} style={{ marginBottom: 12 }}>
            <Table
              size="small"
              rowKey={(d) => `${d.kind}-${d.number ?? ""}-${d.reportId ?? ""}-${d.dueAt}`}
              pagination={false}
              dataSource={inc.deadlines}
              data-testid="inc-deadlines"
              columns={[
                {
                  title: t("inc.deadlines"),
                  render: (_, d) => {
                    // A forwarding step names the report it passes up (初报, 续报 #n, 终报).
                    const r = d.reportId ? inc.reports.find((x) => x.id === d.reportId) : undefined;
                    const of = r ? `（${t(`inc.kind.${r.kind}`)}${r.kind === "followup" ? ` #${r.number}` : ""}）` : "";
                    return `${t(`inc.dl.${d.kind}`)}${d.number ? ` #${d.number}` : ""}${of}`;
                  },
                },
                { title: t("inc.dueAt"), dataIndex: "dueAt", render: (v: string) => formatTime(v) },
                { title: t("inc.metAt"), dataIndex: "metAt", render: (v: string | null) => formatTime(v) },
                { title: t("inc.status"), dataIndex: "status", render: (s: keyof typeof DEADLINE_STATUS_COLORS) => <Tag color={DEADLINE_STATUS_COLORS[s]}>{t(`inc.dls.${s}`)}</Tag> },
              ]}
            />
          </Card>
          {inc.flagDetails.length > 0 && (
            <Card size="small" title={t("inc.flags")} data-testid="inc-flag-details">
              {inc.flagDetails.map((f, i) => (
                <div key={i} className="inc-flag-row">
                  <Tag color={FLAG_COLORS[f.kind]}>{t(`inc.flag.${f.kind}`)}</Tag> {f.detail} <span className="muted">{formatTime(f.raisedAt)}</span>
                </div>
              ))}
            </Card>
          )}
        </Col>
      </Row>
      <ReportModal incident={inc} kind={reportKind} onClose={() => setReportKind(null)} />
      <TextModal
        open={instructing}
        title={t("inc.addInstruction")}
        label={t("inc.instructionText")}
        required
        loading={instruct.isPending}
        testId="instruction"
        onOk={(text) => instruct.mutateAsync(text)}
        onClose={() => setInstructing(false)}
      />
      <TextModal
        open={!!forwarding}
        title={t("inc.forward")}
        label={t("inc.forwardNote")}
        intro={
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="forward-intro"
            message={forwardTo ? t("inc.forwardTo", { unit: forwardTo }) : t("inc.forwardUp")}
            description={forwardingDue ? t("inc.forwardDue", { time: formatTime(forwardingDue) }) : undefined}
          />
        }
        loading={forward.isPending}
        testId="forward"
        onOk={(note) => forward.mutateAsync({ reportId: forwarding!, note: note || undefined })}
        onClose={() => setForwarding(null)}
      />
    </div>
  );
}
