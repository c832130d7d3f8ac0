import "../../modules/map/map.css";
import "./nearby.css";
import { useMemo } from "react";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { distanceText } from "../../app/registry/field-value.ts";
import { ResourceMap } from "../../modules/map/components/ResourceMap.tsx";
import { useMapBase } from "../../modules/map/hooks/useMapBase.ts";
import { datumOf } from "../../modules/map/map-datum.ts";
import type { NearestResult, Origin } from "../../modules/map/map.types.ts";

const NO_LAYERS: [] = [];
const noop = () => {};

/** The district map of the nearby page: the position, lines to what is near; a tap moves the position. */
/** `label` names the marked point (here: 当前位置; the report form: 事发位置). */
export default function NearbyMap({ origin, results, onPick, label }: { origin: Origin | null; results: NearestResult["results"] | undefined; onPick: (o: Origin) => void; label?: string }) {
  const { t, lang } = useI18n();
  const base = useMapBase();
  const datum = useMemo(() => datumOf(base.data?.tileDatum), [base.data?.tileDatum]);
  const nearest = useMemo(() => (origin ? { origin: { ...origin, label: label ?? t("m.hereNow") }, results: results ?? {} } : null), [origin, results, t, label]);
  if (!base.data) return <div className="m-nearby-map" />;
  return (
    <div className="m-nearby-map">
      <ResourceMap
        base={base.data}
        datum={datum}
        layers={NO_LAYERS}
        nearest={nearest}
        focus={null}
        describe={() => ({ kindLabel: "", lines: [], openLabel: "", nearestLabel: "" })}
        distanceLabel={(i) => distanceText(i.distanceM, lang)}
        onPick={onPick}
        onBbox={noop}
        onOpen={noop}
      />
    </div>
  );
}
