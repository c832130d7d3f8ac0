import type { IncidentReport } from "@yingji/contracts";
import { Button, Tag } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { LevelTag } from "./IncidentTags.tsx";
import { ReportAttachments } from "./ReportAttachments.tsx";

/** One report of the chain: kind, time, unit, figures, text and its forwarding steps. */
export function ReportCard({ report: r, canForward, onForward }: { report: IncidentReport; canForward: boolean; onForward: () => void }) {
  const { t } = useI18n();
  const f = r.figures;
  return (
    <div className="inc-report" data-testid={`inc-report-${r.kind}-${r.number}`}>
      <div className="inc-report-head">
        <b>{t(`inc.kind.${r.kind}`)}{r.kind === "followup" ? ` #${r.number}` : ""}</b>
        <span className="muted">{formatTime(r.submittedAt)} · {r.unitName} · {r.submittedBy}</span>
        {r.late && <Tag color="orange">{t("inc.lateTag")}</Tag>}
        {r.level && <LevelTag level={r.level} />}
        {canForward && (
          <Button size="small" onClick={onForward} data-testid={`inc-forward-${r.id}`}>{t("inc.forward")}</Button>
        )}
      </div>
      <div className="inc-report-figures muted">
        {t("inc.dead")} {f.dead} · {t("inc.missing")} {f.missing} · {t("inc.injured")} {f.injured} · {t("inc.seriouslyInjured")} {f.seriouslyInjured} · {t("inc.trapped")} {f.trapped} · {t("inc.directLoss")} {f.directLoss.toLocaleString()}
      </div>
      <div className="inc-report-body">{r.body}</div>
      {r.measures && <div><span className="muted">{t("inc.measures")}：</span>{r.measures}</div>}
      {r.trend && <div><span className="muted">{t("inc.trend")}：</span>{r.trend}</div>}
      {r.cause && <div><span className="muted">{t("inc.cause")}：</span>{r.cause}</div>}
      <ReportAttachments report={r} />
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
