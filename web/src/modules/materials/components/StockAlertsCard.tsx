import { STOCK_ALERTS, type StockAlert, type StockAlertKind } from "@yingji/contracts";
import { Card, Empty, List, Tag, Typography } from "antd";
import { Link } from "react-router";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { useStockAlerts } from "../hooks/useStockAlerts.ts";

const COLORS: Record<StockAlertKind, string> = { below_minimum: "error", expired: "error", expiring: "warning", not_inspected: "default" };

/** 库存预警: what needs replenishing, what expires, which warehouses wait for an inspection. */
export function StockAlertsCard({ warehouseId }: { warehouseId?: string }) {
  const { t, l } = useI18n();
  const alerts = useStockAlerts(warehouseId ? { warehouseId } : {});
  const list = alerts.data ?? [];
  const counts = list.reduce<Record<string, number>>((acc, a) => ((acc[a.kind] = (acc[a.kind] ?? 0) + 1), acc), {});
  const detail = (a: StockAlert) => {
    if (a.kind === "below_minimum") return t("mat.alertBelow", { q: a.quantity ?? 0, min: a.minimum ?? 0 });
    if (a.kind === "expiring" || a.kind === "expired") return t("mat.alertExpiry", { d: a.expiresOn ?? "—" });
    return t("mat.alertInspect", { d: a.lastInspectedAt ? formatTime(a.lastInspectedAt) : t("mat.never") });
  };
  return (
    <Card
      size="small"
      title={t("mat.alertsTitle")}
      loading={alerts.isLoading}
      extra={(Object.keys(STOCK_ALERTS) as StockAlertKind[]).filter((k) => counts[k]).map((k) => (
        <Tag key={k} color={COLORS[k]}>
          {l(STOCK_ALERTS[k])} {counts[k]}
        </Tag>
      ))}
      data-testid="stock-alerts"
    >
      {list.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("mat.noAlerts")} />
      ) : (
        <List
          size="small"
          dataSource={list.slice(0, 50)}
          style={{ maxHeight: 260, overflowY: "auto" }}
          renderItem={(a) => (
            <List.Item data-testid={`alert-${a.kind}`}>
              <div className="stock-alert-item">
                <Tag color={COLORS[a.kind]} style={{ marginInlineEnd: 0 }}>
                  {l(STOCK_ALERTS[a.kind])}
                </Tag>
                <span className="stock-alert-what">
                  <Link to={`/materials/warehouses/${a.warehouseId}`}>{a.warehouseName}</Link>
                  {a.itemName && <> · {a.itemName}</>}
                  {a.batch && <Typography.Text type="secondary"> · {a.batch}</Typography.Text>}
                </span>
                <Typography.Text type="secondary" className="stock-alert-detail">
                  {detail(a)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
