import "../incidents.css";
import { SoundOutlined, MutedOutlined } from "@ant-design/icons";
import type { IncidentSummary } from "@yingji/contracts";
import { Badge, Button, Card, Col, Empty, Flex, Row, Table, Tag } from "antd";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { UnitTreeSelect } from "../../org/components/UnitTreeSelect.tsx";
import { beep } from "../beep.ts";
import { Countdown } from "../components/Countdown.tsx";
import { FlagTags, LevelTag } from "../components/IncidentTags.tsx";
import { TypeTreeSelect } from "../components/TypeTreeSelect.tsx";
import { useIncidents } from "../hooks/useIncidents.ts";
import { useLiveEvents, type LiveEvent } from "../hooks/useLiveEvents.ts";

const MUTE_KEY = "yingji.board.muted";
const LOUD = new Set(["I", "II", "III"]);

/** 值班看板: recent incidents live (Server-Sent Events), next deadline counting down (from the list itself: one request for the page), sound for levels I–III. */
export function BoardPage({ aside }: { aside?: ReactNode } = {}) {
  const { t } = useI18n();
  const [unitId, setUnitId] = useState<string>();
  const [typeId, setTypeId] = useState<string>();
  const [muted, setMuted] = useState(() => localStorage.getItem(MUTE_KEY) === "1");
  const [feed, setFeed] = useState<LiveEvent[]>([]);
  const list = useIncidents({ page: 1, pageSize: 30, unitId, typeId });
  const items = list.data?.items ?? [];
  const live = useLiveEvents((e) => {
    setFeed((f) => [e, ...f].slice(0, 50));
    if (e.type === "incident.created" && LOUD.has(String(e.data.level)) && localStorage.getItem(MUTE_KEY) !== "1") beep();
  });
  const toggleMute = () => {
    localStorage.setItem(MUTE_KEY, muted ? "0" : "1");
    setMuted(!muted);
    if (muted) beep();
  };
  const titleOf = (id?: string) => items.find((i) => i.id === id)?.title ?? (id ? id.slice(0, 8) : "");

  return (
    <div className="page" data-testid="inc-board">
      <PageHeader
        title={t("nav.inc.board")}
        sub={t("inc.boardSub")}
        extra={
          <>
            <Tag color={live ? "green" : "default"} data-testid="board-live" data-live={live ? "1" : "0"}>
              <Badge status={live ? "processing" : "default"} /> {live ? t("inc.live") : t("inc.offlineLive")}
            </Tag>
            <Button icon={muted ? <MutedOutlined /> : <SoundOutlined />} onClick={toggleMute} data-testid="board-mute" aria-pressed={muted}>
              {muted ? t("inc.unmute") : t("inc.mute")}
            </Button>
          </>
        }
      />
      <Row gutter={[12, 12]}>
        <Col xs={{ span: 24, order: 2 }} xl={{ span: aside ? 15 : 18, order: 1 }}>
          <Card size="small" title={t("inc.recent")}>
            <Flex gap={8} wrap style={{ marginBottom: 12 }}>
              <UnitTreeSelect allowClear value={unitId} onChange={setUnitId} placeholder={t("inc.filterTown")} style={{ width: 220 }} testId="board-filter-unit" />
              <TypeTreeSelect allowClear value={typeId} onChange={setTypeId} placeholder={t("inc.filterType")} style={{ width: 200 }} testId="board-filter-type" />
            </Flex>
            <Table<IncidentSummary>
              rowKey="id"
              size="small"
              pagination={false}
              loading={list.isPending}
              dataSource={items}
              data-testid="board-table"
              scroll={{ x: 860 }}
              locale={{ emptyText: t("inc.none") }}
              columns={[
                { title: t("inc.title"), dataIndex: "title", render: (v: string, r) => <Link to={`/incidents/${r.id}`} data-testid={`board-row-${r.id}`}>{v}</Link> },
                { title: t("inc.unit"), dataIndex: "unitName", width: 110 },
                { title: t("inc.level"), dataIndex: "level", width: 116, render: (v) => <LevelTag level={v} /> },
                { title: t("inc.nextDue"), width: 180, render: (_, r) => <Countdown deadlines={r.nextDeadline ? [r.nextDeadline] : []} testId={`board-due-${r.id}`} /> },
                { title: t("inc.flags"), width: 130, render: (_, r) => <FlagTags flags={r.flags} sensitive={r.sensitive} exercise={r.exercise} /> },
                { title: t("inc.learnedAt"), dataIndex: "learnedAt", width: 100, render: (v: string) => formatTime(v).slice(5) },
              ]}
            />
          </Card>
        </Col>
        {/* On a phone the to-do list comes first. */}
        <Col xs={{ span: 24, order: aside ? 1 : 3 }} xl={{ span: aside ? 9 : 6, order: 2 }}>
          {/* The duty officer's home: the to-do list beside the board. */}
          {aside && <div style={{ marginBottom: 12 }}>{aside}</div>}
          <Card size="small" title={t("inc.liveFeed")} data-testid="board-feed">
            {feed.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("inc.waiting")} />
            ) : (
              feed.map((e) => (
                <div key={e.id} className="inc-feed-row" data-testid={`board-feed-${e.type}`}>
                  <Tag color={e.type === "incident.created" ? "red" : e.type === "flag.raised" ? "magenta" : e.type === "instruction.added" ? "gold" : "blue"}>
                    {t(`inc.ev.${e.type}`)}
                  </Tag>
                  <span className="muted">{formatTime(e.at, true).slice(11)}</span>{" "}
                  {e.data.incidentId ? <Link to={`/incidents/${e.data.incidentId}`}>{e.data.title ?? titleOf(e.data.incidentId)}</Link> : null}
                  {e.type === "instruction.added" && e.data.text ? <div className="muted">{e.data.byName}：{e.data.text}</div> : null}
                  {e.type === "flag.raised" && e.data.kind ? <div className="muted">{String(e.data.detail ?? e.data.kind)}</div> : null}
                </div>
              ))
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
