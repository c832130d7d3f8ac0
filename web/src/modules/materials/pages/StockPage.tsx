import "../materials.css";
import { SwapOutlined } from "@ant-design/icons";
import { Button, Card, Tabs } from "antd";
import { useState } from "react";
import { useCan } from "../../../app/auth/useCan.ts";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { MovementModal } from "../components/MovementModal.tsx";
import { MovementsTable } from "../components/MovementsTable.tsx";
import { StockAlertsCard } from "../components/StockAlertsCard.tsx";
import { StockTable } from "../components/StockTable.tsx";

/** 物资库存: alerts, stock per warehouse and batch (the sum of movements), and the movement log. */
export function StockPage() {
  const { t } = useI18n();
  const can = useCan();
  const [moving, setMoving] = useState(false);
  return (
    <div className="page">
      <PageHeader
        title={t("nav.mat.stock")}
        sub={t("mat.stockSub")}
        extra={
          can("materials.move") && (
            <Button type="primary" icon={<SwapOutlined />} onClick={() => setMoving(true)} data-testid="mv-open">
              {t("mat.movement")}
            </Button>
          )
        }
      />
      <StockAlertsCard />
      <Card size="small">
        <Tabs
          items={[
            { key: "stock", label: t("mat.stockTab"), children: <StockTable /> },
            { key: "movements", label: t("mat.movementsTab"), children: <MovementsTable /> },
          ]}
        />
      </Card>
      <MovementModal open={moving} onClose={() => setMoving(false)} />
    </div>
  );
}
