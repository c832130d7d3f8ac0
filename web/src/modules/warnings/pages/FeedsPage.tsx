import "../warnings.css";
import { PlusOutlined, SyncOutlined } from "@ant-design/icons";
import type { WarningFeed } from "@yingji/contracts";
import { Button, Card, Popconfirm, Space, Table, Tag, Tooltip, message } from "antd";
import { useState } from "react";
import { useCan } from "../../../app/auth/useCan.ts";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { FeedFormModal } from "../components/FeedFormModal.tsx";
import { useFeedMutations } from "../hooks/useFeedMutations.ts";
import { useFeeds } from "../hooks/useFeeds.ts";

const STATUS_COLORS = { ok: "success", not_modified: "default", error: "error" } as const;

/** 预警信息源: the CAP feeds polled for warnings from above, their health, and 立即拉取. */
export function FeedsPage() {
  const { t } = useI18n();
  const can = useCan();
  const feeds = useFeeds();
  const { remove, poll } = useFeedMutations();
  const [editing, setEditing] = useState<WarningFeed | null | "new">(null);
  const manage = can("warnings.feeds");

  const pollNow = async (id: string) => {
    const r = await poll.mutateAsync(id).catch(() => null);
    if (!r) return;
    const text = t("feed.pollResult", { documents: r.documents, imported: r.imported, duplicates: r.duplicates });
    if (r.status === "error") void message.error(`${text}${r.error ? ` · ${r.error}` : ""}`);
    else void message.success(text);
  };

  return (
    <div className="page" data-testid="feeds-page">
      <PageHeader
        title={t("nav.warn.feeds")}
        sub={t("feed.sub")}
        extra={manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="feed-add">{t("feed.add")}</Button>}
      />
      <Card size="small">
        <Table<WarningFeed>
          rowKey="id"
          size="middle"
          loading={feeds.isPending}
          dataSource={feeds.data}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t("feed.none") }}
          data-testid="feeds-table"
          columns={[
            { title: t("feed.name"), dataIndex: "name", render: (v: string, f) => <>{v} {!f.enabled && <Tag>{t("common.disabled")}</Tag>}</> },
            { title: t("feed.unit"), dataIndex: "unitName", width: 130 },
            { title: t("feed.url"), dataIndex: "url", ellipsis: true, render: (v: string) => <Tooltip title={v}><code>{v}</code></Tooltip> },
            { title: t("feed.interval"), dataIndex: "intervalSeconds", width: 110, align: "right" },
            { title: t("feed.lastPolled"), dataIndex: "lastPolledAt", width: 150, render: (v: string | null) => (v ? formatTime(v, true) : <span className="muted">{t("feed.never")}</span>) },
            {
              title: t("feed.lastStatus"), dataIndex: "lastStatus", width: 220,
              render: (s: WarningFeed["lastStatus"], f) => s ? (
                <Space direction="vertical" size={0}>
                  <Tag color={STATUS_COLORS[s]} data-testid={`feed-status-${f.id}`}>{t(`feed.status.${s}`)}</Tag>
                  {f.consecutiveFailures > 0 && <span className="warn-overdue-text" style={{ fontSize: 12 }}>{t("feed.failures", { n: f.consecutiveFailures })}</span>}
                  {f.lastError && <Tooltip title={<pre style={{ whiteSpace: "pre-wrap", margin: 0 }}>{f.lastError}</pre>}><span className="muted" style={{ fontSize: 12 }}>{f.lastError.slice(0, 40)}…</span></Tooltip>}
                </Space>
              ) : "—",
            },
            { title: t("feed.imported"), dataIndex: "totalImported", width: 90, align: "right" },
            {
              title: t("common.actions"), width: 230,
              render: (_, f) => (
                <Space>
                  <Button size="small" icon={<SyncOutlined />} loading={poll.isPending && poll.variables === f.id} onClick={() => void pollNow(f.id)} data-testid={`feed-poll-${f.id}`}>{t("feed.pollNow")}</Button>
                  {manage && <Button size="small" onClick={() => setEditing(f)}>{t("common.edit")}</Button>}
                  {manage && (
                    <Popconfirm title={t("feed.deleteConfirm")} onConfirm={() => remove.mutate(f.id)}>
                      <Button size="small" danger>{t("common.delete")}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <FeedFormModal feed={editing === "new" ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
    </div>
  );
}
