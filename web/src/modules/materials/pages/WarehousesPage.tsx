import "../materials.css";
import { AuditOutlined, SwapOutlined } from "@ant-design/icons";
import { WAREHOUSES } from "@yingji/contracts";
import { Button, Card, Tabs } from "antd";
import { useState } from "react";
import { useCan } from "../../../app/auth/useCan.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { RegistryPage } from "../../../app/registry/RegistryPage.tsx";
import type { RegistryRow } from "../../../app/registry/registry.types.ts";
import { InspectionModal } from "../components/InspectionModal.tsx";
import { InspectionsCard } from "../components/InspectionsCard.tsx";
import { MovementModal } from "../components/MovementModal.tsx";
import { MovementsTable } from "../components/MovementsTable.tsx";
import { StockAlertsCard } from "../components/StockAlertsCard.tsx";
import { StockTable } from "../components/StockTable.tsx";

function WarehouseActions({ w }: { w: RegistryRow }) {
  const { t } = useI18n();
  const can = useCan();
  const [moving, setMoving] = useState(false);
  const [inspecting, setInspecting] = useState(false);
  if (!can("materials.move") || !w.active) return null;
  return (
    <>
      <Button icon={<SwapOutlined />} onClick={() => setMoving(true)} data-testid="wh-move">
        {t("mat.movement")}
      </Button>
      <Button icon={<AuditOutlined />} onClick={() => setInspecting(true)} data-testid="wh-inspect">
        {t("mat.inspect")}
      </Button>
      <MovementModal open={moving} onClose={() => setMoving(false)} preset={{ warehouseId: w.id }} />
      <InspectionModal warehouseId={w.id} open={inspecting} onClose={() => setInspecting(false)} />
    </>
  );
}

function WarehouseSections({ w }: { w: RegistryRow }) {
  const { t } = useI18n();
  return (
    <>
      <div style={{ marginTop: 12 }}>
        <StockAlertsCard warehouseId={w.id} />
      </div>
      <Card size="small" style={{ marginTop: 12 }}>
        <Tabs
          items={[
            { key: "stock", label: t("mat.stockTab"), children: <StockTable warehouseId={w.id} /> },
            { key: "movements", label: t("mat.movementsTab"), children: <MovementsTable warehouseId={w.id} /> },
          ]}
        />
      </Card>
      <InspectionsCard warehouseId={w.id} />
    </>
  );
}

/** 物资仓库: the generic registry, plus each warehouse's stock, movements and inspections (盘点). */
export function WarehousesPage() {
  const { t } = useI18n();
  return (
    <RegistryPage
      decl={WAREHOUSES}
      list={{ sub: t("mat.warehousesSub") }}
      detail={{ actions: (w) => <WarehouseActions w={w} />, sections: (w) => <WarehouseSections w={w} /> }}
    />
  );
}
