import type { Shift } from "@yingji/contracts";
import { Select } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";

/** Picks one of a unit's recent shifts, labelled by its time and officers. */
export function ShiftPicker({ shifts, value, onChange, loading }: { shifts: Shift[]; value?: string; onChange: (id: string) => void; loading?: boolean }) {
  const { t } = useI18n();
  return (
    <Select
      value={value}
      onChange={onChange}
      loading={loading}
      placeholder={t("duty.log.pickShift")}
      style={{ minWidth: 380 }}
      options={shifts.map((s) => ({
        value: s.id,
        label: `${formatTime(s.startsAt)} – ${formatTime(s.endsAt)} · ${s.officers.map((o) => o.name).join("、")}`,
      }))}
      data-testid="log-shift"
    />
  );
}
