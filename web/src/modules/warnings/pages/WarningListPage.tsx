import "../warnings.css";
import { PlusOutlined } from "@ant-design/icons";
import { WARNING_LEVELS, WARNING_ORIGINS, WARNING_STATUSES, type WarningSummary } from "@yingji/contracts";
import { Badge, Button, Card, Flex, Segmented, Select, Switch, Table, Tag, notification } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { useCan } from "../../../app/auth/useCan.ts";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { ScopeEmpty } from "../../../app/components/ScopeEmpty.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { DraftDrawer, type DraftSource } from "../components/DraftDrawer.tsx";
import { ImportCapButton } from "../components/ImportCapButton.tsx";
import { LevelTag, OriginTag, StatusTag } from "../components/WarningTags.tsx";
import { useWarningLive } from "../hooks/useWarningLive.ts";
import { useWarnings, type WarningParams } from "../hooks/useWarnings.ts";

/** 预警信息: warnings from above and issued here, with level, status and the way to import, draft and relay. */
export function WarningListPage() {
  const { t } = useI18n();
  const can = useCan();
  const [params, setParams] = useState<WarningParams>({ page: 1, pageSize: 20 });
  const [drafting, setDrafting] = useState<DraftSource | null>(null);
  const list = useWarnings(params);
  const filter = (patch: Partial<WarningParams>) => setParams((p) => ({ ...p, ...patch, page: 1 }));
  const live = useWarningLive((e) => {
    if (e.type === "warning.released" && e.data.headline) {
      notification.warning({ title: t("warn.newArrived", { headline: String(e.data.headline) }), placement: "bottomRight", duration: 8 });
    }
  });

  return (
    <div className="page" data-testid="warn-list-page">
      <PageHeader
        title={t("nav.warn.list")}
        sub={t("warn.listSub")}
        extra={
          <>
            <Badge status={live ? "success" : "default"} text={live ? t("warn.live") : t("warn.offline")} data-testid="warn-live" />
            <Button href="/public/warnings" target="_blank">{t("warn.publicPage")}</Button>
            {can("warnings.import") && <ImportCapButton />}
            {can("warnings.draft") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrafting({ kind: "new" })} data-testid="warn-create">{t("warn.create")}</Button>
            )}
          </>
        }
      />
      <Card size="small">
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Segmented<string>
            value={params.origin ?? "all"}
            onChange={(v) => filter({ origin: v === "all" ? undefined : (v as WarningParams["origin"]) })}
            options={[{ value: "all", label: t("warn.filterOrigin") }, ...WARNING_ORIGINS.map((o) => ({ value: o, label: t(`warn.origin.${o}`) }))]}
            data-testid="warn-filter-origin"
          />
          <Select allowClear placeholder={t("warn.filterLevel")} value={params.level} onChange={(level) => filter({ level })} style={{ width: 130 }}
            options={WARNING_LEVELS.map((l) => ({ value: l, label: <LevelTag level={l} /> }))} />
          <Select allowClear placeholder={t("warn.filterStatus")} value={params.status} onChange={(status) => filter({ status })} style={{ width: 130 }}
            options={WARNING_STATUSES.map((s) => ({ value: s, label: t(`warn.status.${s}`) }))} />
          <span>
            <Switch size="small" checked={params.active === "true"} onChange={(on) => filter({ active: on ? "true" : undefined })} /> {t("warn.activeOnly")}
          </span>
        </Flex>
        <Table<WarningSummary>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items}
          data-testid="warn-table"
          scroll={{ x: 1000 }}
          locale={{ emptyText: <ScopeEmpty what="warnings" /> }}
          rowClassName={(r) => `warn-row-${r.level}`}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total,
            showTotal: (n) => t("common.total", { n }),
            onChange: (page, pageSize) => setParams((p) => ({ ...p, page, pageSize })),
          }}
          columns={[
            { title: t("warn.level"), dataIndex: "level", width: 80, render: (v) => <LevelTag level={v} /> },
            {
              title: t("warn.headline"),
              dataIndex: "headline",
              render: (v: string, r) => (
                <>
                  <Link to={`/warnings/${r.id}`} data-testid={`warn-row-${r.id}`}>{v}</Link>
                  {r.exercise && <Tag color="gold" style={{ marginLeft: 6 }}>{t("warn.exercise")}</Tag>}
                </>
              ),
            },
            { title: t("warn.origin"), dataIndex: "origin", width: 100, render: (v) => <OriginTag origin={v} /> },
            { title: t("warn.status"), dataIndex: "status", width: 100, render: (v) => <StatusTag status={v} /> },
            { title: t("warn.unit"), dataIndex: "unitName", width: 140 },
            { title: t("warn.releasedAt"), dataIndex: "releasedAt", width: 150, render: (v: string | null) => formatTime(v) },
            { title: t("warn.expiresAt"), dataIndex: "expiresAt", width: 150, render: (v: string) => formatTime(v) },
          ]}
        />
      </Card>
      <DraftDrawer source={drafting} onClose={() => setDrafting(null)} />
    </div>
  );
}
