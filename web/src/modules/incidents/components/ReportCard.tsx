import type { IncidentReport } from "@yingji/contracts";
import { SendOutlined } from "@ant-design/icons";
import { Button, Tag } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { LevelTag } from "./IncidentTags.tsx";
import { ReportAttachments } from "./ReportAttachments.tsx";

/** One report of the chain: kind, time, unit, figures, text and its forwarding steps. */
export function ReportCard({ report: r, canForward, onForward, forwardTo, forwardDue }: {
  report: IncidentReport;
  canForward: boolean;
  onForward: () => void;
  /** The unit the report would go to, and when the forward is due: said on the button itself. */
  forwardTo?: string;
  forwardDue?: string;
}) {
  const { t } = useI18n();
  const f = r.figures;
  return (
    <div className="inc-report" data-testid={`inc-report-${r.kind}-${r.number}`}>
      <div className="inc-report-head">
        <b>{t(`inc.kind.${r.kind}`)}{r.kind === "followup" ? ` #${r.number}` : ""}</b>
        <span className="muted">{formatTime(r.submittedAt)} · {r.unitName} · {r.submittedBy}</span>
        {r.late && <Tag color="orange">{t("inc.lateTag")}</Tag>}
        {r.level && <LevelTag level={r.level} />}
      </div>
      <div className="inc-report-figures muted">
        {t("inc.dead")} {f.dead} · {t("inc.missing")} {f.missing} · {t("inc.injured")} {f.injured} · {t("inc.seriouslyInjured")} {f.seriouslyInjured} · {t("inc.trapped")} {f.trapped} · {t("inc.directLoss")} {f.directLoss.toLocaleString()}
      </div>
      <div className="inc-report-body">{r.body}</div>
      {r.measures && <div><span className="muted">{t("inc.measures")}：</span>{r.measures}</div>}
      {r.trend && <div><span className="muted">{t("inc.trend")}：</span>{r.trend}</div>}
      {r.cause && <div><span className="muted">{t("inc.cause")}：</span>{r.cause}</div>}
      <ReportAttachments report={r} />
      {canForward && (
        <div className="inc-forward-bar">
          <Button type="primary" icon={<SendOutlined />} onClick={onForward} data-testid={`inc-forward-${r.id}`}>
            {forwardTo ? t("inc.forwardTo", { unit: forwardTo }) : t("inc.forward")}
          </Button>
          {forwardDue && <span className="muted" data-testid={`inc-forward-due-${r.id}`}>{t("inc.forwardDue", { time: formatTime(forwardDue) })}</span>}
        </div>
      )}
      {r.forwards.length > 0 && (
        <div className="inc-forwards">
          <span className="muted">{t("inc.forwardSteps")}：</span>
          {r.forwards.map((s, i) => (
            <div key={i} data-testid="inc-forward-step">
              {s.fromUnitName} → {s.toUnitName} · {formatTime(s.forwardedAt)} · {s.forwardedBy}
              {s.late && <Tag color="orange" style={{ marginLeft: 6 }}>{t("inc.lateTag")}</Tag>}
              {s.note && <span className="muted"> · {s.note}</span>}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
