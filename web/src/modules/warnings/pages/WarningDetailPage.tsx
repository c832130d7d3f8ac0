import "../warnings.css";
import { DownloadOutlined, ShareAltOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Descriptions, Result, Row, Spin, Timeline, message } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { download } from "../../../app/api.ts";
import { useCan } from "../../../app/auth/useCan.ts";
import { useMe } from "../../../app/auth/useMe.ts";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { AckFeedbackCard } from "../components/AckFeedbackCard.tsx";
import { ActionModal } from "../components/ActionModal.tsx";
import { DraftDrawer, type DraftSource } from "../components/DraftDrawer.tsx";
import { PreviewPanel } from "../components/PreviewPanel.tsx";
import { LevelTag, OriginTag, SignatureTag, StatusTag } from "../components/WarningTags.tsx";
import { useDraftPreview } from "../hooks/useDraftPreview.ts";
import { useWarning } from "../hooks/useWarning.ts";
import { useWarningAction, type WarningAction } from "../hooks/useWarningAction.ts";
import { useWarningLive } from "../hooks/useWarningLive.ts";
import { LEVEL_COLORS } from "../warnings.labels.ts";

/** One warning: content, area, versions; relay, edit, submit, release, update, cancel; the unit's own 已收到 and feedback. */
export function WarningDetailPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const { data: me } = useMe();
  const { data: w, isPending, error } = useWarning(id);
  const [drafting, setDrafting] = useState<DraftSource | null>(null);
  const [action, setAction] = useState<WarningAction | null>(null);
  const submit = useWarningAction(id);
  const approving = action === "approve";
  const preview = useDraftPreview(id, (can("warnings.draft") || can("warnings.approve")) && w?.status === "pending_approval");
  useWarningLive();

  if (isPending) return <Spin style={{ display: "block", margin: "80px auto" }} />;
  if (error || !w) return <Result status="404" title={t("common.notFound")} subTitle={error?.message} />;

  const active = w.status === "released" || w.status === "updated";
  const issued = w.origin === "issued";
  const mayApprove = can("warnings.approve") && w.drafterId !== me?.id;
  return (
    <div className="page" data-testid="warn-detail">
      <PageHeader
        title={<span data-testid="warn-detail-title">{w.headline}</span>}
        crumbs={[{ title: t("nav.warn.list"), to: "/warnings" }, { title: w.headline }]}
        sub={<>{w.unitName} · <OriginTag origin={w.origin} /> <StatusTag status={w.status} />{w.capSignature && <SignatureTag state={w.capSignature} note={w.capSignatureNote} />}</>}
        extra={
          <>
            {w.origin === "received" && can("warnings.draft") && (
              <Button type="primary" icon={<ShareAltOutlined />} onClick={() => setDrafting({ kind: "relay", of: w })} data-testid="warn-relay">{t("warn.relay")}</Button>
            )}
            {w.status === "draft" && can("warnings.draft") && (
              <>
                <Button onClick={() => setDrafting({ kind: "edit", draft: w })} data-testid="warn-edit">{t("warn.editDraft")}</Button>
                <Button type="primary" loading={submit.isPending} data-testid="warn-submit"
                  onClick={() => void submit.mutateAsync({ action: "submit", body: { version: w.version } }).then(() => message.success(t("warn.submitted"))).catch((e: Error) => message.error(e.message))}>
                  {t("warn.submit")}
                </Button>
              </>
            )}
            {w.status === "pending_approval" && mayApprove && (
              <>
                <Button onClick={() => setAction("reject")} data-testid="warn-reject">{t("warn.reject")}</Button>
                <Button type="primary" onClick={() => setAction("approve")} data-testid="warn-approve">{t("warn.approve")}</Button>
              </>
            )}
            {active && issued && can("warnings.approve") && (
              <>
                <Button onClick={() => setAction("revise")} data-testid="warn-revise">{t("warn.revise")}</Button>
                <Button danger onClick={() => setAction("cancel")} data-testid="warn-cancel">{t("warn.cancel")}</Button>
              </>
            )}
            {issued && w.revision > 0 && (
              <Link to={`/warnings/${w.id}/tracking`}><Button data-testid="warn-tracking-link">{t("warn.tracking")}</Button></Link>
            )}
            {w.identifier && (
              <Button icon={<DownloadOutlined />} onClick={() => void download(`/api/warnings/${w.id}/cap`, `${w.identifier ?? w.id}.cap.xml`).catch(() => {})} data-testid="warn-download-cap">
                {t("warn.downloadCap")}
              </Button>
            )}
          </>
        }
      />
      <div className="warn-banner" style={{ borderColor: LEVEL_COLORS[w.level] }} data-testid="warn-banner">
        <LevelTag level={w.level} long /> <b>{w.headline}</b>
        <div className="muted" style={{ marginTop: 4 }}>{t("warn.effectiveAt")} {formatTime(w.effectiveAt)} — {t("warn.expiresAt")} {formatTime(w.expiresAt)}</div>
      </div>
      {w.rejectNote && w.status === "draft" && <Alert type="warning" showIcon title={t("warn.rejected", { note: w.rejectNote })} style={{ marginBottom: 12 }} />}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t("warn.description")} style={{ marginBottom: 12 }}>
            <div className="warn-text" data-testid="warn-description-text">{w.description}</div>
          </Card>
          {w.instruction && (
            <Card size="small" title={t("warn.instruction")} style={{ marginBottom: 12 }}>
              <div className="warn-text">{w.instruction}</div>
            </Card>
          )}
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t("warn.area")}>{w.area.description || "—"}</Descriptions.Item>
              <Descriptions.Item label={t("warn.areaUnits")}>{t("warn.areaCounts", { units: w.area.unitIds.length, polygons: w.area.polygons.length, circles: w.area.circles.length })}</Descriptions.Item>
              <Descriptions.Item label={t("warn.public")}>{w.public ? t("warn.public") : t("warn.restricted")}</Descriptions.Item>
              <Descriptions.Item label={t("warn.identifier")}><span style={{ wordBreak: "break-all" }}>{w.identifier ?? "—"}</span></Descriptions.Item>
              <Descriptions.Item label={t("warn.sender")}><span data-testid="warn-sender" title={w.sender ?? undefined}>{w.senderName ?? w.sender ?? "—"}</span></Descriptions.Item>
              {issued && <Descriptions.Item label={t("warn.drafter")}>{w.drafterName ?? "—"}</Descriptions.Item>}
              {issued && <Descriptions.Item label={t("warn.approver")}>{w.approverName ?? "—"}</Descriptions.Item>}
              {w.relayOfId && <Descriptions.Item label={t("warn.relayOf")}><Link to={`/warnings/${w.relayOfId}`} data-testid="warn-relay-of">{t("warn.origin.received")}</Link></Descriptions.Item>}
              {issued && (
                <Descriptions.Item label={t("warn.targets")}>
                  {t("warn.targetCounts", { units: w.targets.unitIds.length, channels: w.targets.channels.map((c) => t(`warn.channel.${c}`)).join("、") })}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          {w.status === "pending_approval" && preview.data && (
            <Card size="small" title={t("warn.preview")} style={{ marginBottom: 12 }}>
              <PreviewPanel preview={preview.data} />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={9}>
          {can("warnings.respond") && <AckFeedbackCard warning={w} />}
          <Card size="small" title={t("warn.versions")} data-testid="warn-versions">
            {w.versions.length === 0 ? (
              <span className="muted">—</span>
            ) : (
              <Timeline
                items={w.versions.map((v) => ({
                  color: v.kind === "cancel" ? "gray" : LEVEL_COLORS[v.level],
                  content: (
                    <div data-testid={`warn-version-${v.revision}`}>
                      <b>{t(`warn.version.${v.kind}`)}</b> · <LevelTag level={v.level} /> {v.headline}
                      <div className="muted">{formatTime(v.at)}{v.byName ? ` · ${v.byName}` : ""}{v.note ? ` · ${v.note}` : ""}</div>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <DraftDrawer source={drafting} onClose={() => setDrafting(null)} />
      <ActionModal
        warning={w}
        action={action}
        onClose={() => setAction(null)}
        extra={approving ? (
          <p data-testid="warn-approve-help">
            {preview.data
              ? t("warn.approveHelp", { units: preview.data.units, people: preview.data.people })
              : t("warn.approveTargets", { units: w.targets.unitIds.length, channels: w.targets.channels.map((c) => t(`warn.channel.${c}`)).join("、") })}
          </p>
        ) : undefined}
      />
    </div>
  );
}
