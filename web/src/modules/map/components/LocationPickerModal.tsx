import "../map.css";
import { Modal, Spin, Typography } from "antd";
import { useMemo, useState } from "react";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useMapBase } from "../hooks/useMapBase.ts";
import { datumOf } from "../map-datum.ts";
import type { Origin } from "../map.types.ts";
import { ResourceMap } from "./ResourceMap.tsx";

const NO_LAYERS: [] = [];
const noop = () => {};

/** 在地图上选点: a click on the district map gives a record's WGS-84 latitude and longitude. */
export default function LocationPickerModal({ open, initial, onClose, onPick }: { open: boolean; initial: Origin | null; onClose: () => void; onPick: (o: Origin) => void }) {
  const { t } = useI18n();
  const base = useMapBase();
  const [point, setPoint] = useState<Origin | null>(initial);
  const datum = useMemo(() => datumOf(base.data?.tileDatum), [base.data?.tileDatum]);
  const marked = useMemo(() => (point ? { origin: point, results: {} } : null), [point]);
  return (
    <Modal
      open={open}
      title={t("reg.pickOnMap")}
      width={820}
      onCancel={onClose}
      okButtonProps={{ disabled: !point, "data-testid": "pick-ok" }}
      onOk={() => point && onPick(point)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {point ? `${t("reg.lat")} ${point.lat.toFixed(6)} · ${t("reg.lon")} ${point.lon.toFixed(6)}` : t("reg.pickHint")}
      </Typography.Paragraph>
      <div style={{ height: 480, borderRadius: 8, overflow: "hidden", border: "1px solid #e5e8ee" }}>
        {base.data ? (
          <ResourceMap
            base={base.data}
            datum={datum}
            layers={NO_LAYERS}
            nearest={marked}
            focus={null}
            describe={() => ({ kindLabel: "", lines: [], openLabel: "", nearestLabel: "" })}
            distanceLabel={() => ""}
            onPick={(o) => setPoint({ lat: Math.round(o.lat * 1e6) / 1e6, lon: Math.round(o.lon * 1e6) / 1e6 })}
            onBbox={noop}
            onOpen={noop}
          />
        ) : (
          <Spin style={{ display: "block", margin: "200px auto" }} />
        )}
      </div>
    </Modal>
  );
}
