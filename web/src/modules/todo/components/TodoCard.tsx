import "../todo.css";
import { ClockCircleOutlined } from "@ant-design/icons";
import { TODO_KIND_LABELS, type TodoItem, type TodoKind } from "@yingji/contracts";
import { Alert, Badge, Card, Empty, List, Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useNow } from "../../../app/useNow.ts";
import { formatTime } from "../../../app/time.ts";
import { formatSpan } from "../../incidents/incidents.labels.ts";
import { useTodo } from "../hooks/useTodo.ts";

const KIND_COLOURS: Partial<Record<TodoKind, string>> = {
  "incident.forward": "geekblue", "incident.followup": "blue", "incident.final": "blue", "incident.instruction": "purple", "incident.decide": "magenta",
  "warning.release": "volcano", "warning.ack": "orange", "warning.feedback": "gold", "warning.call": "red", "duty.spotcheck": "cyan",
  "stock.alert": "green", "team.certificate": "lime",
};


/** Time left to the deadline, live; red once overdue, orange within the hour. */
export function DueIn({ item, testId }: { item: TodoItem; testId?: string }) {
  const { t, lang } = useI18n();
  const now = useNow();
  if (!item.deadline) return <span className="muted" data-testid={testId}>{t("todo.noDeadline")}</span>;
  const left = Date.parse(item.deadline) - now;
  const span = formatSpan(left, lang === "zh");
  const colour = left < 0 ? "#cf1322" : left < 3_600_000 ? "#d46b08" : undefined;
  return (
    <span data-testid={testId} data-overdue={left < 0 ? "1" : "0"} title={formatTime(item.deadline)} style={{ color: colour, fontWeight: colour ? 600 : undefined, whiteSpace: "nowrap" }}>
      <ClockCircleOutlined /> {left < 0 ? t("inc.overdueBy", { t: span }) : t("inc.dueIn", { t: span })}
    </span>
  );
}

/** The to-do list as a card: each item with its kind, what it is about, the countdown and a link to act. `kinds` narrows it (a leader's decisions). */
export function TodoCard({ kinds, title, sub, extra, testId = "todo-card" }: { kinds?: readonly TodoKind[]; title?: ReactNode; sub?: ReactNode; extra?: ReactNode; testId?: string }) {
  const { t, l } = useI18n();
  const todo = useTodo();
  const items = (todo.data?.items ?? []).filter((i) => !kinds || kinds.includes(i.kind));
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <Space size={8} wrap>
          <span>{title ?? t("todo.title")}</span>
          <Badge count={items.length} showZero color={items.length ? "#0f4c9e" : "#bfbfbf"} data-testid={`${testId}-count`} />
          {overdue > 0 && <Tag color="red" data-testid={`${testId}-overdue`}>{t("todo.overdueCount", { n: overdue })}</Tag>}
          {sub && <Typography.Text type="secondary" className="todo-card-sub" style={{ fontSize: 12, fontWeight: "normal" }}>{sub}</Typography.Text>}
        </Space>
      }
      extra={extra}
      loading={todo.isPending}
    >
      {todo.data && todo.data.incomplete.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t("todo.incomplete", { names: todo.data.incomplete.join("、") })} />
      )}
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("todo.empty")} data-testid={`${testId}-empty`} />
      ) : (
        <List
          size="small"
          dataSource={items}
          className="todo-list"
          renderItem={(i) => (
            <List.Item key={i.key} data-testid={`todo-item-${i.kind}`} data-key={i.key} className={i.overdue ? "todo-item todo-overdue" : "todo-item"}
              actions={[<Link key="go" to={i.link} data-testid="todo-act">{t("todo.open")}</Link>]}>
              <div className="todo-main">
                <div className="todo-head">
                  <Tag color={KIND_COLOURS[i.kind]} className="todo-kind">{l(TODO_KIND_LABELS[i.kind])}</Tag>
                  <Link to={i.link} className="todo-title">{i.title}</Link>
                </div>
                <div className="todo-sub">
                  {i.detail && <span className="todo-detail">{i.detail}</span>}
                  {i.unitName && <span className="muted">{i.unitName}</span>}
                  <DueIn item={i} testId="todo-due" />
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
