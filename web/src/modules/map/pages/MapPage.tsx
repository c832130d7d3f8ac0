import "../map.css";
import { Alert, Card, Divider, Spin } from "antd";
import { useCallback, useMemo, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { distanceText } from "../../../app/registry/field-value.ts";
import type { FilterValues } from "../../../app/registry/RegistryFilters.tsx";
import { LayerPanel } from "../components/LayerPanel.tsx";
import { NearestPanel } from "../components/NearestPanel.tsx";
import { ResourceMap, type Focus } from "../components/ResourceMap.tsx";
import { useDescribePoint } from "../hooks/useDescribePoint.ts";
import { useMapBase } from "../hooks/useMapBase.ts";
import { useMapLayer, type Bbox } from "../hooks/useMapLayer.ts";
import { useNearest, type NearestFilters } from "../hooks/useNearest.ts";
import { useResourcesLive } from "../hooks/useResourcesLive.ts";
import { datumOf } from "../map-datum.ts";
import { NEAREST_SHOWN, type MapKind } from "../map-kinds.ts";
import type { Origin } from "../map.types.ts";

const DEFAULT_ON: MapKind[] = ["incidents", "teams", "shelters", "warehouses"];

/** ?focus=teams:<id>&lat=&lon= (from a record's 在地图上查看): the record to open on arrival. */
function focusOf(params: URLSearchParams): Focus | null {
  const [kind, id] = (params.get("focus") ?? "").split(":");
  const lat = Number(params.get("lat"));
  const lon = Number(params.get("lon"));
  if (!kind || !id || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  return { kind: kind as MapKind, id, lat, lon };
}

/**
 * 一张图: every resource layer and the incidents on one map, with the district's outline as
 * the offline base; click anywhere (or "nearest from here" on a point) for the nearest teams,
 * shelters and warehouses, listed and drawn.
 */
export function MapPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const base = useMapBase();
  useResourcesLive();
  const [search] = useSearchParams();
  const [on, setOn] = useState(() => {
    const f = focusOf(search);
    return new Set<MapKind>(f ? [...DEFAULT_ON, f.kind] : DEFAULT_ON);
  });
  const [bbox, setBbox] = useState<Bbox | null>(null);
  const [filters, setFilters] = useState<Partial<Record<MapKind, FilterValues>>>({});
  const [origin, setOrigin] = useState<Origin | null>(null);
  const [nearestFilters, setNearestFilters] = useState<NearestFilters>({ kinds: NEAREST_SHOWN.join(","), limit: 5 });
  const [focus, setFocus] = useState<Focus | null>(() => focusOf(search));

  // One query per layer (hooks in a fixed order: every kind, enabled when shown).
  const incidents = useMapLayer("incidents", bbox, filters.incidents ?? {}, on.has("incidents"));
  const teams = useMapLayer("teams", bbox, filters.teams ?? {}, on.has("teams"));
  const shelters = useMapLayer("shelters", bbox, filters.shelters ?? {}, on.has("shelters"));
  const warehouses = useMapLayer("warehouses", bbox, filters.warehouses ?? {}, on.has("warehouses"));
  const experts = useMapLayer("experts", bbox, filters.experts ?? {}, on.has("experts"));
  const volunteers = useMapLayer("volunteers", bbox, filters.volunteers ?? {}, on.has("volunteers"));
  const queries = { incidents, teams, shelters, warehouses, experts, volunteers };
  const layerError = Object.values(queries).find((q) => q.error)?.error;

  // A new array only when a layer's data or the visible set changes: the map redraws markers on it.
  const layers = useMemo(
    () => (Object.entries(queries) as [MapKind, typeof teams][]).filter(([k]) => on.has(k)).map(([kind, q]) => ({ kind, data: q.data })),
    [on, incidents.data, teams.data, shelters.data, warehouses.data, experts.data, volunteers.data],
  );
  const counts = Object.fromEntries((Object.entries(queries) as [MapKind, typeof teams][]).map(([k, q]) => [k, q.data?.features.length]));

  const nearest = useNearest(origin, nearestFilters);
  const drawn = useMemo(() => (origin && nearest.data ? { origin, results: nearest.data.results } : null), [origin, nearest.data]);
  const describe = useDescribePoint();
  const datum = useMemo(() => datumOf(base.data?.tileDatum), [base.data?.tileDatum]);
  const distanceLabel = useCallback((item: { distanceM: number }) => distanceText(item.distanceM, lang), [lang]);

  return (
    <div className="page map-page">
      <PageHeader title={t("nav.map")} sub={t("map.sub")} />
      {layerError && <Alert type="error" showIcon title={layerError.message} style={{ marginBottom: 8 }} />}
      <div className="map-layout">
        <Card className="map-side" size="small">
          <LayerPanel
            on={on}
            counts={counts}
            onToggle={(kind, v) =>
              setOn((s) => {
                const next = new Set(s);
                if (v) next.add(kind);
                else next.delete(kind);
                return next;
              })
            }
            filters={filters}
            onFilters={(kind, v) => setFilters((f) => ({ ...f, [kind]: v }))}
          />
          <Divider style={{ margin: "12px 0" }} />
          <NearestPanel
            origin={origin}
            filters={nearestFilters}
            onFilters={setNearestFilters}
            answer={nearest.data}
            loading={nearest.isFetching}
            error={nearest.error}
            onClear={() => setOrigin(null)}
            onPick={(kind, item) => setFocus({ kind, id: item.id, lat: item.lat, lon: item.lon })}
          />
        </Card>
        <div className="map-main">
          {base.isLoading && <Spin style={{ display: "block", margin: "120px auto" }} />}
          {base.error && <Alert type="error" showIcon title={base.error.message} style={{ margin: 16 }} />}
          {base.data && (
            <ResourceMap
              base={base.data}
              datum={datum}
              layers={layers}
              nearest={drawn}
              focus={focus}
              describe={describe}
              distanceLabel={distanceLabel}
              onPick={setOrigin}
              onBbox={setBbox}
              onOpen={(href) => navigate(href)}
            />
          )}
        </div>
      </div>
    </div>
  );
}
