import { STOCK_ALERTS, type StockAlertKind } from "@yingji/contracts";
import { Tag } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";

const COLORS: Record<StockAlertKind, string> = { below_minimum: "error", expired: "error", expiring: "warning", not_inspected: "default" };

/** The alert marks of a stock line: 低于最低储备, 临近有效期, 已过期. */
export function AlertTags({ alerts }: { alerts: StockAlertKind[] }) {
  const { l } = useI18n();
  if (!alerts.length) return <span className="muted">—</span>;
  return (
    <>
      {alerts.map((a) => (
        <Tag key={a} color={COLORS[a]} data-testid={`stock-alert-${a}`}>
          {l(STOCK_ALERTS[a])}
        </Tag>
      ))}
    </>
  );
}
