import "../incidents.css";
import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { INCIDENT_FLAGS, INCIDENT_LEVELS, INCIDENT_STATUSES, type IncidentSummary } from "@yingji/contracts";
import { Button, Card, DatePicker, Flex, Select, Table, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { download } from "../../../app/api.ts";
import { useCan } from "../../../app/auth/useCan.ts";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { ScopeEmpty } from "../../../app/components/ScopeEmpty.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { dayjs, formatTime } from "../../../app/time.ts";
import { UnitTreeSelect } from "../../org/components/UnitTreeSelect.tsx";
import { CreateIncidentDrawer } from "../components/CreateIncidentDrawer.tsx";
import { FlagTags, LevelTag, StatusTag } from "../components/IncidentTags.tsx";
import { TypeTreeSelect } from "../components/TypeTreeSelect.tsx";
import { useIncidents, type IncidentParams } from "../hooks/useIncidents.ts";

/** 事件信息: incidents in scope with filters, 新建上报 and the daily summary. */
export function IncidentListPage() {
  const { t } = useI18n();
  const can = useCan();
  const [params, setParams] = useState<IncidentParams>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [day, setDay] = useState(() => dayjs());
  const list = useIncidents(params);
  const filter = (patch: Partial<IncidentParams>) => setParams((p) => ({ ...p, ...patch, page: 1 }));

  return (
    <div className="page">
      <PageHeader
        title={t("nav.inc.list")}
        sub={t("inc.listSub")}
        extra={
          <>
            <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} style={{ width: 130 }} />
            <Button icon={<DownloadOutlined />} onClick={() => void download(`/api/incidents/daily-summary.docx?date=${day.format("YYYY-MM-DD")}`, "daily.docx").catch(() => {})} data-testid="inc-daily">
              {t("inc.dailySummary")}
            </Button>
            {can("incidents.report") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="inc-create">
                {t("inc.create")}
              </Button>
            )}
          </>
        }
      />
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <UnitTreeSelect allowClear value={params.unitId} onChange={(unitId) => filter({ unitId })} placeholder={t("inc.filterTown")} style={{ width: 220 }} testId="inc-filter-unit" />
          <TypeTreeSelect allowClear value={params.typeId} onChange={(typeId) => filter({ typeId })} placeholder={t("inc.filterType")} style={{ width: 200 }} testId="inc-filter-type" />
          <Select allowClear placeholder={t("inc.filterLevel")} value={params.level} onChange={(level) => filter({ level })} style={{ width: 150 }}
            options={INCIDENT_LEVELS.map((l) => ({ value: l, label: t(`inc.level.${l}`) }))} />
          <Select allowClear placeholder={t("inc.filterStatus")} value={params.status} onChange={(status) => filter({ status })} style={{ width: 120 }}
            options={INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`inc.status.${s}`) }))} />
          <Select allowClear placeholder={t("inc.filterFlag")} value={params.flag} onChange={(flag) => filter({ flag })} style={{ width: 150 }}
            options={INCIDENT_FLAGS.map((f) => ({ value: f, label: t(`inc.flag.${f}`) }))} />
        </Flex>
        <Table<IncidentSummary>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items}
          data-testid="inc-table"
          scroll={{ x: 1100 }}
          locale={{ emptyText: <ScopeEmpty what="incidents" /> }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total,
            showTotal: (n) => (list.data?.totalCapped ? t("common.totalAtLeast", { n }) : t("common.total", { n })),
            onChange: (page, pageSize) => setParams((p) => ({ ...p, page, pageSize })),
          }}
          columns={[
            { title: t("inc.title"), dataIndex: "title", render: (v: string, r) => <Link to={`/incidents/${r.id}`} data-testid={`inc-row-${r.id}`}>{v}</Link> },
            { title: t("inc.type"), dataIndex: "typeName", width: 130 },
            { title: t("inc.unit"), dataIndex: "unitName", width: 150 },
            { title: t("inc.level"), dataIndex: "level", width: 140, render: (v) => <LevelTag level={v} /> },
            { title: t("inc.status"), dataIndex: "status", width: 100, render: (v) => <StatusTag status={v} /> },
            { title: t("inc.flags"), dataIndex: "flags", render: (_, r) => <FlagTags flags={r.flags} exercise={r.exercise} sensitive={r.sensitive} /> },
            {
              title: t("inc.figures"),
              width: 150,
              render: (_, r) => (
                <Typography.Text type="secondary">
                  {t("inc.dead")} {r.figures.dead} · {t("inc.injured")} {r.figures.injured}
                </Typography.Text>
              ),
            },
            { title: t("inc.learnedAt"), dataIndex: "learnedAt", width: 150, render: (v: string) => formatTime(v) },
          ]}
        />
      </Card>
      <CreateIncidentDrawer open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
