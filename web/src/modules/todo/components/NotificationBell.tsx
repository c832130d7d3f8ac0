import "../todo.css";
import { BellOutlined, SettingOutlined } from "@ant-design/icons";
import { TODO_KIND_LABELS, TODO_KINDS, type TodoKind } from "@yingji/contracts";
import { Badge, Button, Checkbox, Empty, List, Popover, Space, Tag, Typography } from "antd";
import { useCallback, useState } from "react";
import { useNavigate } from "react-router";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { useDueAlerts } from "../hooks/useDueAlerts.ts";
import { useMarkRead, useMutes, useNotifications, useSetMutes } from "../hooks/useNotifications.ts";
import { useTodo } from "../hooks/useTodo.ts";
import { useTodoLive } from "../hooks/useTodoLive.ts";

function MuteSettings() {
  const { t, l } = useI18n();
  const mutes = useMutes();
  const set = useSetMutes();
  const muted = new Set(mutes.data?.kinds ?? []);
  const toggle = (k: TodoKind, on: boolean) => set.mutate(TODO_KINDS.filter((x) => (x === k ? on : muted.has(x))));
  return (
    <div style={{ maxWidth: 300 }} data-testid="notif-settings">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t("notif.settingsHelp")}</Typography.Paragraph>
      <Space orientation="vertical" size={2}>
        {TODO_KINDS.map((k) => (
          <Checkbox key={k} checked={muted.has(k)} onChange={(e) => toggle(k, e.target.checked)} data-testid={`notif-mute-${k}`} disabled={set.isPending}>
            {t("notif.muted")} · {l(TODO_KIND_LABELS[k])}
          </Checkbox>
        ))}
      </Space>
    </div>
  );
}

/** The header's bell: unread count, the latest entries, mark read, alert settings; it also raises the sound and pop-up alerts. */
export function NotificationBell() {
  const { t, l } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [settings, setSettings] = useState(false);
  const centre = useNotifications();
  const todo = useTodo();
  const read = useMarkRead();
  useTodoLive();
  const dueText = useCallback((title: string) => t("notif.dueSoon", { title }), [t]);
  useDueAlerts(todo.data?.items, centre.data?.items, dueText);
  const unread = centre.data?.unread ?? 0;
  const items = centre.data?.items ?? [];
  const askBrowser = typeof Notification !== "undefined" && Notification.permission === "default";

  const content = settings ? <MuteSettings /> : (
    <div className="notif-panel" data-testid="notif-panel">
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notif.empty")} /> : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              className={n.readAt ? "notif-item" : "notif-item notif-unread"}
              data-testid={`notif-item-${n.kind}`}
              onClick={() => {
                if (!n.readAt) read.mutate([n.id]);
                setOpen(false);
                void navigate(n.link);
              }}
            >
              <div>
                <Space size={4} wrap>
                  <Tag>{l(TODO_KIND_LABELS[n.kind])}</Tag>
                  {n.muted && <Tag variant="outlined">{t("notif.muted")}</Tag>}
                  <b>{n.title}</b>
                </Space>
                {n.detail && <div className="muted notif-detail">{n.detail}</div>}
                <div className="muted notif-time">{formatTime(n.createdAt)}</div>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setSettings(false);
      }}
      trigger="click"
      placement="bottomRight"
      title={
        <Space style={{ width: "100%", justifyContent: "space-between" }}>
          <span>{settings ? t("notif.settings") : t("notif.title")}</span>
          <Space size={4}>
            {!settings && askBrowser && <Button size="small" type="link" onClick={() => void Notification.requestPermission()}>{t("notif.enableBrowser")}</Button>}
            {!settings && unread > 0 && <Button size="small" type="link" onClick={() => read.mutate(undefined)} data-testid="notif-read-all">{t("notif.readAll")}</Button>}
            <Button size="small" type="text" icon={<SettingOutlined />} aria-label={t("notif.settings")} onClick={() => setSettings(!settings)} data-testid="notif-settings-btn" />
          </Space>
        </Space>
      }
      content={content}
    >
      <button type="button" className="header-bell" aria-label={t("notif.title")} data-testid="notif-bell">
        <Badge count={unread} size="small" overflowCount={99} data-testid="notif-unread" data-unread={unread}>
          <BellOutlined style={{ fontSize: 18, color: "#fff" }} />
        </Badge>
      </button>
    </Popover>
  );
}
