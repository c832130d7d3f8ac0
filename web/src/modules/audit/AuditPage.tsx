import { SafetyCertificateOutlined } from "@ant-design/icons";
import type { AuditEntry } from "@yingji/contracts";
import { Alert, Button, Card, DatePicker, Flex, Input, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { PageHeader } from "../../app/components/PageHeader.tsx";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { formatTime, shanghaiDayBound } from "../../app/time.ts";
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from "./audit-labels.ts";
import { JsonDiff } from "./components/JsonDiff.tsx";
import { useAudit, type AuditParams } from "./hooks/useAudit.ts";
import { useAuditVerify } from "./hooks/useAuditVerify.ts";

const actionColour = (action: string) =>
  action.includes("failed") || action.includes("denied") ? "red" : action.startsWith("auth.") ? "default" : action.includes("unmask") ? "orange" : "blue";

/** 审计日志: the append-only, hash-chained record of every write, with a chain check. */
export function AuditPage() {
  const { t, l } = useI18n();
  const [params, setParams] = useState<AuditParams>({ page: 1, pageSize: 50 });
  const [draft, setDraft] = useState<{ action?: string; actor?: string }>({});
  const audit = useAudit(params);
  const verify = useAuditVerify();
  const result = verify.data;

  return (
    <div className="page">
      <PageHeader
        title={t("nav.audit")}
        sub={t("audit.sub")}
        extra={
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
            {t("audit.verify")}
          </Button>
        }
      />
      {result && (
        <Alert
          closable={{ onClose: () => verify.reset() }}
          showIcon
          type={result.ok ? "success" : "error"}
          title={result.ok ? t("audit.verifyOk", { n: result.checked }) : t("audit.verifyBroken", { seq: result.brokenAt ?? "?" })}
          description={result.ok ? undefined : result.reason}
          style={{ marginBottom: 12 }}
          data-testid="audit-verify-result"
        />
      )}
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input
            allowClear
            placeholder={t("audit.filterAction")}
            style={{ width: 220 }}
            value={draft.action}
            onChange={(e) => setDraft((d) => ({ ...d, action: e.target.value }))}
            onPressEnter={() => setParams((p) => ({ ...p, ...clean(draft), page: 1 }))}
            data-testid="audit-filter-action"
          />
          <Input
            allowClear
            placeholder={t("audit.filterActor")}
            style={{ width: 180 }}
            value={draft.actor}
            onChange={(e) => setDraft((d) => ({ ...d, actor: e.target.value }))}
            onPressEnter={() => setParams((p) => ({ ...p, ...clean(draft), page: 1 }))}
            data-testid="audit-filter-actor"
          />
          <DatePicker.RangePicker
            onChange={(range) =>
              setParams((p) => ({
                ...p,
                page: 1,
                from: range?.[0] ? shanghaiDayBound(range[0], false) : undefined,
                to: range?.[1] ? shanghaiDayBound(range[1], true) : undefined,
              }))
            }
            data-testid="audit-filter-range"
          />
          <Button onClick={() => setParams((p) => ({ ...p, ...clean(draft), page: 1 }))} data-testid="audit-search">
            {t("common.search")}
          </Button>
        </Flex>
        <Table<AuditEntry>
          size="small"
          rowKey="seq"
          loading={audit.isFetching}
          dataSource={audit.data?.items}
          data-testid="audit-table"
          onRow={(e) => ({ "data-testid": `audit-row-${e.seq}` }) as React.HTMLAttributes<HTMLElement>}
          expandable={{
            expandedRowRender: (e) => <JsonDiff before={e.before} after={e.after} />,
            rowExpandable: (e) => e.before != null || e.after != null,
          }}
          pagination={{
            current: audit.data?.page ?? 1,
            pageSize: audit.data?.pageSize ?? 50,
            total: audit.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t("common.total", { n }),
            onChange: (page, pageSize) => setParams((p) => ({ ...p, page, pageSize })),
            size: "small",
          }}
          scroll={{ x: 1100 }}
          columns={[
            { title: t("audit.seq"), dataIndex: "seq", width: 80 },
            { title: t("audit.at"), dataIndex: "at", width: 165, render: (v: string) => formatTime(v, true) },
            { title: t("audit.actor"), dataIndex: "actorName", width: 120, render: (v: string | null) => v ?? <span className="muted">{t("audit.system")}</span> },
            { title: "IP", dataIndex: "ip", width: 130, render: (v: string | null) => v ?? "—" },
            {
              title: t("audit.action"),
              dataIndex: "action",
              width: 230,
              render: (v: string) => {
                const label = AUDIT_ACTION_LABELS[v];
                return (
                  <span className="audit-action">
                    <Tag color={actionColour(v)}>{label ? l(label) : v}</Tag>
                    {label && <span className="mono muted">{v}</span>}
                  </span>
                );
              },
            },
            {
              title: t("audit.entity"),
              dataIndex: "entity",
              width: 100,
              render: (v: string | null) => (v ? (AUDIT_ENTITY_LABELS[v] ? l(AUDIT_ENTITY_LABELS[v]) : v) : "—"),
            },
            {
              title: t("audit.entityId"),
              dataIndex: "entityId",
              width: 130,
              // The id is for copying into a search, not for reading: its start, the whole on hover.
              render: (v: string | null) =>
                v ? (
                  <Tooltip title={v}>
                    <Typography.Text copyable={{ text: v }} className="mono muted">{v.length > 12 ? `${v.slice(0, 8)}…` : v}</Typography.Text>
                  </Tooltip>
                ) : "—",
            },
            {
              title: t("audit.hash"),
              dataIndex: "hash",
              width: 120,
              render: (v: string) => (
                <Tooltip title={v}>
                  <span className="mono muted">{v.slice(0, 10)}…</span>
                </Tooltip>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}

function clean(d: { action?: string; actor?: string }) {
  return { action: d.action?.trim() || undefined, actor: d.actor?.trim() || undefined };
}
