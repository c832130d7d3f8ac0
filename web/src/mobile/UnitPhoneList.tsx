import { PhoneFilled } from "@ant-design/icons";
import { ErrorBlock, List } from "antd-mobile";
import { telHref } from "../app/components/PhoneLink.tsx";
import { useI18n } from "../app/i18n/useI18n.ts";
import { useUnitKinds } from "../modules/org/hooks/useUnitKinds.ts";
import { useUnits } from "../modules/org/hooks/useUnits.ts";

/** The units' 24-hour duty phones: public office lines, shown in full and dialled directly. */
export function UnitPhoneList({ q }: { q: string }) {
  const { t } = useI18n();
  const { data: units, isPending } = useUnits();
  const { kindLabel } = useUnitKinds();
  const needle = q.trim().toLowerCase();
  const rows = (units ?? [])
    .filter((u) => u.active && u.dutyPhone && (!needle || u.name.toLowerCase().includes(needle)))
    .sort((a, b) => a.depth - b.depth || a.sort - b.sort);
  if (!isPending && rows.length === 0) return <ErrorBlock status="empty" title={t("m.noUnits")} description="" />;
  return (
    <List data-testid="m-unit-phone-list">
      {rows.slice(0, 200).map((u) => (
        <List.Item
          key={u.id}
          description={kindLabel(u.kind)}
          extra={
            <a className="m-tel m-tel-inline" href={telHref(u.dutyPhone!)} data-testid={`m-unit-tel-${u.id}`}>
              <PhoneFilled /> {u.dutyPhone}
            </a>
          }
        >
          {u.name}
        </List.Item>
      ))}
    </List>
  );
}
