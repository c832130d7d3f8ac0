import { PlusOutlined, ThunderboltOutlined } from "@ant-design/icons";
import type { Shift } from "@yingji/contracts";
import { Button, Calendar, Card, DatePicker, Flex, Spin, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { useCan } from "../../../app/auth/useCan.ts";
import { useMe } from "../../../app/auth/useMe.ts";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { shanghaiDayBound } from "../../../app/time.ts";
import { UnitTreeSelect } from "../../org/components/UnitTreeSelect.tsx";
import { ExportMonthButton } from "../components/ExportMonthButton.tsx";
import { GenerateModal } from "../components/GenerateModal.tsx";
import { ShiftDrawer } from "../components/ShiftDrawer.tsx";
import { ShiftFormModal } from "../components/ShiftFormModal.tsx";
import { SwapList } from "../components/SwapList.tsx";
import { clockOf, shanghaiNow, shiftDay } from "../duty-time.ts";
import { useShifts } from "../hooks/useShifts.ts";
import "../duty.css";

/** 排班表: a unit's month of 24-hour shifts as a calendar; create, generate, export, swap. */
export function RosterPage() {
  const { t } = useI18n();
  const can = useCan();
  const { data: me } = useMe();
  const [unitId, setUnitId] = useState<string | undefined>(me?.unitId);
  const [month, setMonth] = useState<Dayjs>(() => shanghaiNow().startOf("month"));
  const [creating, setCreating] = useState<Dayjs | null>(null);
  const [generating, setGenerating] = useState(false);
  const [openShift, setOpenShift] = useState<string | null>(null);
  const shifts = useShifts({ unitId, from: shanghaiDayBound(month.startOf("month"), false), to: shanghaiDayBound(month.endOf("month"), true) });
  const byDay = useMemo(() => {
    const m = new Map<string, Shift[]>();
    for (const s of shifts.data ?? []) m.set(shiftDay(s.startsAt), [...(m.get(shiftDay(s.startsAt)) ?? []), s]);
    return m;
  }, [shifts.data]);
  const manage = can("duty.manage");
  const shown = shifts.data?.find((s) => s.id === openShift) ?? null;

  const cell = (date: Dayjs) => {
    if (!date.isSame(month, "month")) return null;
    const list = byDay.get(date.format("YYYY-MM-DD")) ?? [];
    return (
      <div className="roster-cell" data-testid={`roster-day-${date.format("YYYY-MM-DD")}`}>
        {list.map((s) => (
          <button type="button" key={s.id} className="roster-shift" onClick={() => setOpenShift(s.id)} data-testid={`roster-shift-${s.id}`}>
            <span className="roster-shift-time">{clockOf(s.startsAt)}</span>
            <span className="roster-shift-names">{s.officers.map((o) => o.name).join("、")}</span>
            {s.leader && <span className="roster-shift-leader">{t("duty.leaderShort")} {s.leader.name}</span>}
            {s.exercise && <Tag color="orange">{t("duty.exercise")}</Tag>}
          </button>
        ))}
        {list.length === 0 && manage && unitId && (
          <button type="button" className="roster-add" onClick={() => setCreating(date)} title={t("duty.shift.create")}>
            <PlusOutlined />
          </button>
        )}
      </div>
    );
  };

  return (
    <div className="page">
      <PageHeader
        title={t("nav.duty.roster")}
        sub={t("duty.roster.sub")}
        extra={
          unitId && (
            <>
              <ExportMonthButton unitId={unitId} month={month} />
              {manage && (
                <Button icon={<ThunderboltOutlined />} onClick={() => setGenerating(true)} data-testid="roster-generate">
                  {t("duty.gen.button")}
                </Button>
              )}
              {manage && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(shanghaiNow().isSame(month, "month") ? shanghaiNow() : month)} data-testid="roster-create">
                  {t("duty.shift.create")}
                </Button>
              )}
            </>
          )
        }
      />
      <Card size="small">
        <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
          <UnitTreeSelect value={unitId} onChange={setUnitId} style={{ width: 280 }} testId="roster-unit" />
          <DatePicker picker="month" allowClear={false} value={month} onChange={(m) => m && setMonth(m.startOf("month"))} data-testid="roster-month" />
          <Typography.Text type="secondary">{t("duty.roster.count", { n: shifts.data?.length ?? 0 })}</Typography.Text>
          {shifts.isFetching && <Spin size="small" />}
          {shifts.isError && <Typography.Text type="danger">{shifts.error.message}</Typography.Text>}
        </Flex>
        <Calendar
          className="roster-calendar"
          value={month}
          headerRender={() => null}
          cellRender={(date, info) => (info.type === "date" ? cell(date) : info.originNode)}
          data-testid="roster-calendar"
        />
      </Card>
      {unitId && <SwapList unitId={unitId} />}
      {unitId && creating && <ShiftFormModal unitId={unitId} date={creating} open onClose={() => setCreating(null)} />}
      {unitId && generating && <GenerateModal unitId={unitId} month={month} open onClose={() => setGenerating(false)} />}
      <ShiftDrawer shift={shown} onClose={() => setOpenShift(null)} />
    </div>
  );
}
