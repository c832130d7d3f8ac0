import { DUTY_LOG_KIND_LABELS, type DutyLog } from "@yingji/contracts";
import { Card, Col, Empty, Flex, Row, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { useCan } from "../../../app/auth/useCan.ts";
import { useMe } from "../../../app/auth/useMe.ts";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { dayjs, formatTime } from "../../../app/time.ts";
import { UnitTreeSelect } from "../../org/components/UnitTreeSelect.tsx";
import { LogEntryForm } from "../components/LogEntryForm.tsx";
import { ShiftPicker } from "../components/ShiftPicker.tsx";
import { useDutyLogs } from "../hooks/useDutyLogs.ts";
import { useShift } from "../hooks/useShift.ts";
import { useShifts } from "../hooks/useShifts.ts";
import "../duty.css";

const KIND_COLOR: Record<DutyLog["kind"], string> = {
  call: "blue", instruction: "red", event: "orange", handover: "purple", sign_in: "green", sign_out: "default",
};

/** 值班日志: the append-only log of one shift (default: the current shift of the user's unit). */
export function DutyLogPage() {
  const { t, l } = useI18n();
  const can = useCan();
  const { data: me } = useMe();
  const [search, setSearch] = useSearchParams();
  const asked = search.get("shiftId") ?? undefined;
  const linked = useShift(asked);
  const [picked, setUnitId] = useState<string | undefined>();
  const unitId = picked ?? linked.data?.unitId ?? me?.unitId;
  // A week back and a day ahead: the shifts one writes a log for.
  const [span] = useState(() => ({ from: dayjs().subtract(7, "day").toISOString(), to: dayjs().add(1, "day").toISOString() }));
  const shifts = useShifts({ unitId, ...span });
  const list = [...(shifts.data ?? [])];
  if (linked.data && linked.data.unitId === unitId && !list.some((s) => s.id === linked.data.id)) list.push(linked.data);
  list.sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  const nowIso = new Date().toISOString();
  const current = list.find((s) => s.startsAt <= nowIso && s.endsAt > nowIso);
  const shiftId = asked ?? current?.id;
  const shift = list.find((s) => s.id === shiftId);
  const logs = useDutyLogs(shiftId);

  return (
    <div className="page">
      <PageHeader title={t("nav.duty.log")} sub={t("duty.log.sub")} />
      <Card size="small">
        <Flex gap={8} wrap align="center">
          <UnitTreeSelect value={unitId} onChange={(u) => { setUnitId(u); setSearch({}); }} style={{ width: 260 }} testId="log-unit" />
          <ShiftPicker shifts={list} value={shiftId} loading={shifts.isFetching} onChange={(id) => setSearch({ shiftId: id })} />
          {shift && shift.id === current?.id && <Tag color="green">{t("duty.log.current")}</Tag>}
        </Flex>
      </Card>
      {!shiftId ? (
        <Card><Empty description={t("duty.log.noShift")} /></Card>
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={16}>
            <Card size="small" title={t("duty.log.entries")}>
              <Table<DutyLog>
                size="small"
                rowKey="id"
                loading={logs.isFetching}
                dataSource={logs.data?.items ?? []}
                pagination={false}
                data-testid="log-table"
                columns={[
                  { title: t("duty.log.at"), dataIndex: "at", width: 150, render: (v: string) => formatTime(v) },
                  { title: t("duty.log.kind"), dataIndex: "kind", width: 90, render: (k: DutyLog["kind"]) => <Tag color={KIND_COLOR[k]}>{l(DUTY_LOG_KIND_LABELS[k])}</Tag> },
                  { title: t("duty.log.content"), dataIndex: "content", render: (v: string) => <span style={{ whiteSpace: "pre-wrap" }}>{v || "—"}</span> },
                  { title: t("duty.log.author"), dataIndex: "authorName", width: 110, render: (v: string | null) => v ?? "—" },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card size="small" title={t("duty.log.write")}>
              {can("duty.log") ? <LogEntryForm shiftId={shiftId} /> : <Typography.Text type="secondary">{t("duty.log.readOnly")}</Typography.Text>}
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
