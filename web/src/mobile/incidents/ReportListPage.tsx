import { PlusOutlined } from "@ant-design/icons";
import { Button, DotLoading, ErrorBlock, List, NavBar, NoticeBar, Tag } from "antd-mobile";
import { useNavigate } from "react-router";
import { useCan } from "../../app/auth/useCan.ts";
import { useMe } from "../../app/auth/useMe.ts";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { formatTime } from "../../app/time.ts";
import { useIncidents } from "../../modules/incidents/hooks/useIncidents.ts";
import { flushQueue, queued } from "./offline-queue.ts";
import { useQueuedCount } from "./useQueuedCount.ts";
import { KeptNotice } from "../offline/KeptNotice.tsx";
import { useOnline } from "../offline/useOnline.ts";

const LEVEL_COLORS = { I: "danger", II: "warning", III: "#d4b106", IV: "primary" } as const;

/** 上报 tab: report a new incident, the queue of unsent reports, and the unit's incidents. */
export function ReportListPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const waiting = useQueuedCount();
  const { data, isPending, error, refetch, dataUpdatedAt } = useIncidents({ page: 1, pageSize: 30 });
  const online = useOnline();

  return (
    <>
      <NavBar back={null} className="m-navbar">{t("m.tabReport")}</NavBar>
      {waiting > 0 && (
        <NoticeBar
          color="alert"
          content={t("inc.queueCount", { n: waiting })}
          extra={<Button size="mini" color="primary" fill="none" onClick={() => { if (me) void flushQueue(me.id).then(() => refetch()); }}>{t("inc.sendNow")}</Button>}
          data-testid="m-queue"
        />
      )}
      <div className="m-page-pad">
        {can("incidents.report") && (
          <Button block color="danger" size="large" onClick={() => navigate("/m/report/new")} data-testid="m-report-new">
            <PlusOutlined /> {t("inc.create")}
          </Button>
        )}
      </div>
      {waiting > 0 && (
        <List header={t("inc.pending")} mode="card" data-testid="m-queued-list">
          {queued(me?.id).map((q) => (
            <List.Item key={q.key} description={formatTime(q.queuedAt)} extra={<Tag color="warning">{t("inc.pending")}</Tag>}>
              {q.kind === "incident"
                ? q.input.title
                : `${q.kind === "photos" ? t("inc.photos") : t(`inc.kind.${q.input.kind}`)} · ${data?.items.find((i) => i.id === q.incidentId)?.title ?? ""}`}
            </List.Item>
          ))}
        </List>
      )}
      {isPending && online ? (
        <div className="m-center"><DotLoading color="primary" /></div>
      ) : !data ? (
        online ? <ErrorBlock status="disconnected" title={t("common.loadFailed")} description={error?.message ?? ""} /> : <KeptNotice refreshedAt={undefined} />
      ) : (
        <>
        <KeptNotice refreshedAt={dataUpdatedAt} failed={!!error} />
        <List header={t("inc.mine")} mode="card" data-testid="m-inc-list">
          {data.items.length === 0 && <List.Item>{t("inc.none")}</List.Item>}
          {data.items.map((i) => (
            <List.Item
              key={i.id}
              onClick={() => navigate(`/m/report/${i.id}`)}
              description={`${i.unitName} · ${formatTime(i.learnedAt)}`}
              extra={<Tag color={LEVEL_COLORS[i.level]}>{i.level}</Tag>}
              data-testid={`m-inc-${i.id}`}
            >
              {i.title}
              {i.flags.length > 0 && <span className="m-inc-flags">{[...new Set(i.flags)].map((f) => <Tag key={f} color="danger" fill="outline">{t(`inc.flag.${f}`)}</Tag>)}</span>}
            </List.Item>
          ))}
        </List>
        </>
      )}
    </>
  );
}
