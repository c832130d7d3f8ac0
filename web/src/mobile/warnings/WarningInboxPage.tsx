import { Button, DotLoading, ErrorBlock, List, NavBar, NoticeBar, PullToRefresh, Tag, Toast } from "antd-mobile";
import { useNavigate } from "react-router";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { formatTime } from "../../app/time.ts";
import { useInbox } from "../../modules/warnings/hooks/useInbox.ts";
import { usePushSubscription } from "../../modules/warnings/hooks/usePushSubscription.ts";
import { M_LEVEL_COLORS } from "./levels.ts";
import { KeptNotice } from "../offline/KeptNotice.tsx";

/** 预警 tab: warnings sent to me or my unit, newest first (kept live by the shell's subscription). */
export function WarningInboxPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data, isPending, error, refetch, dataUpdatedAt } = useInbox();
  const push = usePushSubscription();

  return (
    <>
      <NavBar back={null} className="m-navbar">{t("warn.inbox")}</NavBar>
      {push.available && !push.granted && (
        <NoticeBar
          color="info"
          content={t("warn.pushHint")}
          extra={<Button size="mini" color="primary" loading={push.subscribe.isPending} data-testid="m-warn-push"
            onClick={() => push.subscribe.mutate(undefined, { onSuccess: () => Toast.show({ icon: "success", content: t("warn.pushOn") }) })}>{t("warn.pushEnable")}</Button>}
        />
      )}
      {isPending ? (
        <div className="m-center"><DotLoading color="primary" /></div>
      ) : !data ? (
        <ErrorBlock status="disconnected" title={t("common.loadFailed")} description={error?.message ?? ""} />
      ) : (
        <>
        <KeptNotice refreshedAt={dataUpdatedAt} failed={!!error} />
        <PullToRefresh onRefresh={async () => { await refetch(); }}>
          <List mode="card" data-testid="m-warn-inbox">
            {data.length === 0 && <List.Item>{t("warn.inboxEmpty")}</List.Item>}
            {data.map((w) => (
              <List.Item
                key={w.warningId}
                onClick={() => navigate(`/m/warnings/${w.warningId}`)}
                description={`${formatTime(w.releasedAt)} · ${t(`warn.status.${w.status}`)}`}
                extra={w.unitAcked ? <Tag color="success">{t("warn.acked")}</Tag> : <Tag color="danger">{t("warn.notAcked")}</Tag>}
                data-testid={`m-warn-${w.warningId}`}
              >
                <div className="m-warn-item-title" style={{ fontWeight: w.readAt ? 400 : 600 }}>
                  <i className="m-warn-dot" style={{ background: M_LEVEL_COLORS[w.level] }} />
                  {w.headline}
                </div>
              </List.Item>
            ))}
          </List>
        </PullToRefresh>
        </>
      )}
    </>
  );
}
