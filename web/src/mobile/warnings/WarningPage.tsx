import { Button, DotLoading, ErrorBlock, List, NavBar, NoticeBar, Tag, Toast } from "antd-mobile";
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { api } from "../../app/api.ts";
import { useCan } from "../../app/auth/useCan.ts";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { formatTime } from "../../app/time.ts";
import { useAck } from "../../modules/warnings/hooks/useAck.ts";
import { useWarning } from "../../modules/warnings/hooks/useWarning.ts";
import { FeedbackPopup } from "./FeedbackPopup.tsx";
import { M_LEVEL_COLORS } from "./levels.ts";
import { KeptNotice } from "../offline/KeptNotice.tsx";

/** One warning on a phone: the level banner, what to do, 已收到 and the response-measures report. */
export function WarningPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { data: w, isPending, error, dataUpdatedAt } = useWarning(id);
  const ack = useAck(id);
  const [feedback, setFeedback] = useState(false);
  // Opening the warning marks this person's in-app message read.
  useEffect(() => {
    if (id) void api(`/api/warnings/${id}/read`, { body: {} }).catch(() => {});
  }, [id]);

  const nav = <NavBar className="m-navbar" onBack={() => navigate("/m/warnings")}>{t("warn.inbox")}</NavBar>;
  if (isPending) return <>{nav}<div className="m-center"><DotLoading color="primary" /></div></>;
  if (!w) return <>{nav}<ErrorBlock status="disconnected" title={t("common.loadFailed")} description={error?.message ?? ""} /></>;
  const active = w.status === "released" || w.status === "updated";
  const mine = w.myUnit;
  const overdue = mine && !mine.ackedAt && new Date(mine.dueAt).getTime() < Date.now();

  return (
    <>
      {nav}
      <KeptNotice refreshedAt={dataUpdatedAt} failed={!!error} />
      <div data-testid="m-warning">
        <div className={`m-warn-banner ${w.level}`} style={{ background: M_LEVEL_COLORS[w.level] }}>
          <span className="m-warn-level">{t(`warn.levelLong.${w.level}`)}</span>
          {!active && <span className="m-warn-level" style={{ marginLeft: 6 }}>{t(`warn.status.${w.status}`)}</span>}
          <h2 data-testid="m-warning-title">{w.headline}</h2>
          <div className="m-warn-time">{formatTime(w.effectiveAt)} — {formatTime(w.expiresAt)} · {w.unitName}</div>
        </div>
        {mine && can("warnings.respond") && (
          <div className="m-warn-ack">
            {mine.ackedAt ? (
              <>
                <NoticeBar color="success" content={t("warn.ackDone", { time: formatTime(mine.ackedAt) })} data-testid="m-warn-acked" />
                {active && (
                  <Button block color="primary" fill={mine.feedbackAt ? "outline" : "solid"} size="large" style={{ marginTop: 8 }} onClick={() => setFeedback(true)} data-testid="m-warn-feedback">
                    {t("warn.feedback")}{mine.feedbackAt ? ` · ${t("warn.fedBack")}` : ""}
                  </Button>
                )}
              </>
            ) : (
              <>
                <NoticeBar color={overdue ? "error" : "alert"} content={`${t("warn.dueAt")} ${formatTime(mine.dueAt)}`} />
                {active && (
                  <Button block color="danger" size="large" style={{ marginTop: 8 }} loading={ack.isPending} data-testid="m-warn-ack"
                    onClick={() => void ack.mutateAsync(undefined).then(() => Toast.show({ icon: "success", content: t("warn.ackThanks") })).catch(() => {})}>
                    {t("warn.ack")}
                  </Button>
                )}
              </>
            )}
          </div>
        )}
        <List header={t("warn.description")} mode="card">
          <List.Item><div className="m-warn-text">{w.description}</div></List.Item>
        </List>
        {w.instruction && (
          <List header={t("warn.instruction")} mode="card">
            <List.Item><div className="m-warn-text">{w.instruction}</div></List.Item>
          </List>
        )}
        {w.area.description && (
          <List header={t("warn.area")} mode="card"><List.Item>{w.area.description}</List.Item></List>
        )}
        <List header={t("warn.versions")} mode="card">
          {w.versions.map((v) => (
            <List.Item key={`${v.revision}-${v.kind}`} description={`${formatTime(v.at)}${v.note ? ` · ${v.note}` : ""}`}
              extra={<Tag color={M_LEVEL_COLORS[v.level]}>{t(`warn.level.${v.level}`)}</Tag>}>
              {t(`warn.version.${v.kind}`)}
            </List.Item>
          ))}
        </List>
      </div>
      <FeedbackPopup warningId={w.id} open={feedback} onClose={() => setFeedback(false)} />
    </>
  );
}
