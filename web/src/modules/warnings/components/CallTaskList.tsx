import type { CallTask } from "@yingji/contracts";
import { Button, Empty, Input, List, Popover, Space, Tag } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { PhoneLink } from "../../../app/components/PhoneLink.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { useCloseCallTask } from "../hooks/useCloseCallTask.ts";
import { LevelTag } from "./WarningTags.tsx";

/** Calls to make (催办): the unit, its phones as tel: links, and the result once called. */
export function CallTaskList({ tasks, showWarning }: { tasks: CallTask[]; showWarning?: boolean }) {
  const { t } = useI18n();
  const close = useCloseCallTask();
  const [notes, setNotes] = useState<Record<string, string>>({});
  if (tasks.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("warn.noCalls")} />;
  return (
    <List
      dataSource={tasks}
      data-testid="warn-call-tasks"
      renderItem={(c) => (
        <List.Item
          key={c.id}
          data-testid={`warn-call-${c.unitId}`}
          actions={c.doneAt ? [<Tag key="d" color="success">{c.doneNote}</Tag>] : [
            <Popover key="p" trigger="click" title={t("warn.callNote")} content={
              <Space.Compact>
                <Input value={notes[c.id] ?? ""} onChange={(e) => setNotes((n) => ({ ...n, [c.id]: e.target.value }))} style={{ width: 220 }} />
                <Button type="primary" disabled={!notes[c.id]?.trim()} loading={close.isPending} onClick={() => close.mutate({ id: c.id, note: notes[c.id]!.trim() })}>{t("common.save")}</Button>
              </Space.Compact>
            }>
              <Button size="small">{t("warn.callDone")}</Button>
            </Popover>,
          ]}
        >
          <List.Item.Meta
            title={<>{showWarning && <><LevelTag level={c.level} /><Link to={`/warnings/${c.warningId}/tracking`}>{c.headline}</Link> · </>}<b>{c.unitName}</b> <span className="warn-overdue-text">{t("warn.dueAt")} {formatTime(c.dueAt)}</span></>}
            description={
              <Space wrap size={[12, 4]}>
                {c.phones.map((p, i) => (
                  <span key={i}>{p.name}{p.title ? `（${p.title}）` : ""} <PhoneLink phone={p.phone} /></span>
                ))}
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}
