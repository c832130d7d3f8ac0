import { Button, DotLoading, ErrorBlock, List, NavBar, Tag } from "antd-mobile";
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { useCan } from "../../app/auth/useCan.ts";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { formatTime } from "../../app/time.ts";
import { nextDeadline } from "../../modules/incidents/components/Countdown.tsx";
import { useIncident } from "../../modules/incidents/hooks/useIncident.ts";
import { useLiveEvents } from "../../modules/incidents/hooks/useLiveEvents.ts";
import { FollowupPopup } from "./FollowupPopup.tsx";
import { MobileCountdown } from "./MobileCountdown.tsx";

const LEVEL_COLORS = { I: "danger", II: "warning", III: "#d4b106", IV: "primary" } as const;
const DL_COLORS = { met: "success", late: "warning", pending: "primary", overdue: "danger" } as const;

/** One incident on a phone: next deadline, instructions (批示), deadlines, the report chain; 续报/终报. */
export function IncidentPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { data: inc, isPending, error } = useIncident(id);
  const [kind, setKind] = useState<"followup" | "final" | null>(null);
  useLiveEvents();

  const nav = <NavBar className="m-navbar" onBack={() => navigate("/m/report")}>{inc?.title ?? t("m.tabReport")}</NavBar>;
  if (isPending) return <>{nav}<div className="m-center"><DotLoading color="primary" /></div></>;
  if (error || !inc) return <>{nav}<ErrorBlock status="disconnected" title={t("common.loadFailed")} description={error?.message ?? ""} /></>;
  const next = nextDeadline(inc.deadlines);

  return (
    <>
      {nav}
      <div data-testid="m-incident">
        <List mode="card">
          <List.Item description={`${inc.typeName} · ${inc.address}${inc.approximate ? `（${t("inc.approx")}）` : ""}`} data-testid="m-incident-place" extra={<Tag color={LEVEL_COLORS[inc.level]}>{t(`inc.level.${inc.level}`)}</Tag>}>
            <b data-testid="m-incident-title">{inc.title}</b>
          </List.Item>
          <List.Item extra={t(`inc.status.${inc.status}`)}>{t("inc.status")}</List.Item>
          <List.Item extra={next ? <MobileCountdown dueAt={next.dueAt} /> : t("inc.noDue")}>
            {t("inc.nextDue")}{next ? ` · ${t(`inc.dl.${next.kind}`)}` : ""}
          </List.Item>
        </List>
        {can("incidents.report") && inc.status !== "closed" && (
          <div className="m-page-pad m-two-buttons">
            <Button color="primary" onClick={() => setKind("followup")} data-testid="m-followup">{t("inc.addFollowup")}</Button>
            <Button color="success" fill="outline" onClick={() => setKind("final")} data-testid="m-final">{t("inc.addFinal")}</Button>
          </div>
        )}
        <List header={t("inc.instructions")} mode="card" data-testid="m-instructions">
          {inc.instructions.length === 0 && <List.Item>{t("inc.noInstructions")}</List.Item>}
          {inc.instructions.map((i) => (
            <List.Item key={i.id} description={`${i.byName} · ${formatTime(i.at)}`} data-testid={`m-instruction-${i.id}`}>
              <span className="m-instruction">{i.text}</span>
            </List.Item>
          ))}
        </List>
        <List header={t("inc.deadlines")} mode="card" data-testid="m-deadlines">
          <List.Item description={formatTime(inc.casualtyWindowEndsAt)}>{t("inc.casualtyWindow")}</List.Item>
          {inc.deadlines.map((d, n) => (
            <List.Item key={n} description={`${t("inc.dueAt")} ${formatTime(d.dueAt)}${d.metAt ? ` · ${t("inc.metAt")} ${formatTime(d.metAt)}` : ""}`}
              extra={<Tag color={DL_COLORS[d.status]}>{t(`inc.dls.${d.status}`)}</Tag>}>
              {t(`inc.dl.${d.kind}`)}{d.number ? ` #${d.number}` : ""}
            </List.Item>
          ))}
        </List>
        <List header={t("inc.reports")} mode="card">
          {inc.reports.map((r) => (
            <List.Item key={r.id} description={`${formatTime(r.submittedAt)} · ${r.unitName}`} extra={r.late ? <Tag color="warning">{t("inc.lateTag")}</Tag> : null}>
              <b>{t(`inc.kind.${r.kind}`)}{r.kind === "followup" ? ` #${r.number}` : ""}</b>
              <div className="m-report-body">{r.body}</div>
              {r.attachments.some((a) => a.contentType.startsWith("image/")) && (
                <div className="m-photos m-report-photos" data-testid="m-report-photos">
                  {r.attachments.filter((a) => a.contentType.startsWith("image/")).map((a) => (
                    <a key={a.id} className="m-photo" href={`/api/files/${a.id}`} target="_blank" rel="noreferrer"><img src={`/api/files/${a.id}`} alt={a.name} loading="lazy" /></a>
                  ))}
                </div>
              )}
            </List.Item>
          ))}
        </List>
      </div>
      <FollowupPopup incident={inc} kind={kind} onClose={() => setKind(null)} />
    </>
  );
}
