import { PhoneOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Input, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { telHref } from "../../../app/components/PhoneLink.tsx";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { useUnmask } from "../../org/hooks/useUnmask.ts";
import { DutyPersonLine } from "../components/DutyPersonLine.tsx";
import { useOnDutyNow } from "../hooks/useOnDutyNow.ts";
import "../duty.css";

/** 当前值班: every unit in scope that has a shift now, its duty phone large and tap-to-call. */
export function OnDutyNowPage() {
  const { t } = useI18n();
  const now = useOnDutyNow();
  const unmask = useUnmask();
  const [q, setQ] = useState("");
  const rows = (now.data ?? []).filter((r) => !q || r.unitName.includes(q) || r.officers.some((o) => o.name.includes(q)));
  const uncovered = rows.filter((r) => r.uncovered);

  return (
    <div className="page">
      <PageHeader
        title={t("nav.duty.now")}
        sub={t("duty.now.sub")}
        extra={
          <>
            <Input.Search allowClear placeholder={t("duty.now.search")} onSearch={(v) => setQ(v.trim())} style={{ width: 240 }} data-testid="on-duty-search" />
            <Button icon={<ReloadOutlined />} loading={now.isFetching} onClick={() => now.refetch()}>
              {t("duty.refresh")}
            </Button>
          </>
        }
      />
      {now.isPending && <Spin style={{ display: "block", margin: "80px auto" }} />}
      {now.isError && <Typography.Text type="danger">{now.error.message}</Typography.Text>}
      {now.data && rows.length === 0 && <Card><Empty description={t("duty.now.none")} /></Card>}
      {uncovered.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="on-duty-uncovered"
          title={t("duty.now.uncovered", { n: uncovered.length })}
          description={uncovered.map((r) => r.unitName).join("、")}
        />
      )}
      <div className="on-duty-grid" data-testid="on-duty-list">
        {rows.map((r) => (
          <Card key={r.unitId} size="small" className={`on-duty-card${r.uncovered ? " on-duty-uncovered" : ""}`} data-testid={`on-duty-${r.unitId}`}>
            <div className="on-duty-unit">{r.unitName}{r.uncovered && <Tag color="error" style={{ marginLeft: 8 }}>{t("duty.now.noShift")}</Tag>}</div>
            {r.dutyPhone ? (
              <a className="on-duty-phone" href={telHref(r.dutyPhone)} data-testid={`on-duty-tel-${r.unitId}`}>
                <PhoneOutlined /> {r.dutyPhone}
              </a>
            ) : (
              <div className="muted">{t("duty.now.noDutyPhone")}</div>
            )}
            {r.uncovered ? (
              <div className="on-duty-time" style={{ color: "#cf1322" }}>{t("duty.now.noShiftHelp")}</div>
            ) : (
              <div className="on-duty-time muted">
                {formatTime(r.startsAt)} – {formatTime(r.endsAt)}
              </div>
            )}
            {!r.uncovered && <>
            <div className="on-duty-section">
              <Tag color="blue">{t("duty.leader")}</Tag>
              {r.leader ? <DutyPersonLine person={r.leader} unmask={unmask} testId={`on-duty-leader-${r.unitId}`} /> : <span className="muted">{t("duty.noLeader")}</span>}
            </div>
            <div className="on-duty-section">
              <Tag color="green">{t("duty.officers")}</Tag>
              <div>
                {r.officers.map((o) => (
                  <DutyPersonLine key={o.id} person={o} unmask={unmask} testId={`on-duty-officer-${o.id}`} />
                ))}
              </div>
            </div>
            </>}
          </Card>
        ))}
      </div>
    </div>
  );
}
