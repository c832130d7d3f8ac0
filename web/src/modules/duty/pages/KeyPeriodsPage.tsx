import { PlusOutlined } from "@ant-design/icons";
import { KEY_PERIOD_KIND_LABELS, type KeyPeriod } from "@yingji/contracts";
import { Button, Card, Table, Tag } from "antd";
import { useState } from "react";
import { useCan } from "../../../app/auth/useCan.ts";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { useUnits } from "../../org/hooks/useUnits.ts";
import { KeyPeriodModal } from "../components/KeyPeriodModal.tsx";
import { useKeyPeriods } from "../hooks/useKeyPeriods.ts";

const KIND_COLOR: Record<KeyPeriod["kind"], string> = { holiday: "red", sensitive: "orange", major_event: "purple" };

/** 重点时段: holidays, sensitive periods and major events with their stricter staffing rule. */
export function KeyPeriodsPage() {
  const { t, l } = useI18n();
  const can = useCan();
  const periods = useKeyPeriods();
  const { data: units } = useUnits();
  const [creating, setCreating] = useState(false);
  const unitName = (id: string) => units?.find((u) => u.id === id)?.name ?? "—";
  const nowIso = new Date().toISOString();

  return (
    <div className="page">
      <PageHeader
        title={t("nav.duty.keyPeriods")}
        sub={t("duty.kp.sub")}
        extra={
          can("duty.manage") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="kp-create">
              {t("duty.kp.create")}
            </Button>
          )
        }
      />
      <Card size="small">
        <Table<KeyPeriod>
          size="small"
          rowKey="id"
          loading={periods.isFetching}
          dataSource={periods.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="kp-table"
          columns={[
            {
              title: t("duty.kp.name"),
              dataIndex: "name",
              render: (v: string, p) => (
                <>
                  {v} {p.startsAt <= nowIso && p.endsAt > nowIso && <Tag color="red">{t("duty.kp.ongoing")}</Tag>}
                </>
              ),
            },
            { title: t("duty.kp.kind"), dataIndex: "kind", width: 110, render: (k: KeyPeriod["kind"]) => <Tag color={KIND_COLOR[k]}>{l(KEY_PERIOD_KIND_LABELS[k])}</Tag> },
            { title: t("duty.kp.unit"), dataIndex: "unitId", render: unitName },
            { title: t("duty.kp.range"), key: "range", render: (_, p) => `${formatTime(p.startsAt)} – ${formatTime(p.endsAt)}` },
            { title: t("duty.kp.minOfficers"), dataIndex: "minOfficers", width: 110, align: "right" },
            { title: t("duty.kp.leaderRequired"), dataIndex: "leaderRequired", width: 110, render: (v: boolean) => (v ? t("duty.yes") : t("duty.no")) },
          ]}
        />
      </Card>
      {creating && <KeyPeriodModal onClose={() => setCreating(false)} />}
    </div>
  );
}
