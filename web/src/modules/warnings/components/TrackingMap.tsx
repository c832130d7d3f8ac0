import "../../map/map.css";
import { UNIT_KINDS, type TrackedUnit, type WarningArea } from "@yingji/contracts";
import { Alert, Spin } from "antd";
import type { FeatureGroup } from "leaflet";
import { useEffect, useMemo, useRef } from "react";
import type { DictKey } from "../../../app/i18n/dict.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { useBaseMap } from "../../map/hooks/useBaseMap.ts";
import { useMapBase } from "../../map/hooks/useMapBase.ts";
import { L } from "../../map/leaflet.ts";
import { datumOf } from "../../map/map-datum.ts";

/** Where a target unit stands, in the order a duty officer reads them: reported, acknowledged, waiting, overdue (escalated). */
export const UNIT_STATES = ["feedback", "acked", "waiting", "overdue"] as const;
export type UnitState = (typeof UNIT_STATES)[number];
const COLORS: Record<UnitState, string> = { feedback: "#52c41a", acked: "#1677ff", waiting: "#8c8c8c", overdue: "#cf1322" };
const LABELS: Record<UnitState, DictKey> = { feedback: "warn.fedBack", acked: "warn.acked", waiting: "warn.notAcked", overdue: "warn.overdue" };

export function unitState(u: TrackedUnit): UnitState {
  return u.feedbackAt ? "feedback" : u.ackedAt ? "acked" : u.overdue ? "overdue" : "waiting";
}

const placed = (u: TrackedUnit): u is TrackedUnit & { lat: number; lon: number } => u.lat !== null && u.lon !== null;

/** Tooltip content as DOM nodes (unit names come from users: never as HTML). */
function tooltipNode(lines: [string, string][], title: string, state: { text: string; color: string }): HTMLElement {
  const root = document.createElement("div");
  root.className = "warn-map-tip";
  const head = document.createElement("div");
  head.className = "warn-map-tip-title";
  head.textContent = title;
  const badge = document.createElement("span");
  badge.className = "warn-map-tip-state";
  badge.style.background = state.color;
  badge.textContent = state.text;
  const dl = document.createElement("dl");
  for (const [k, v] of lines) {
    const dt = document.createElement("dt");
    dt.textContent = k;
    const dd = document.createElement("dd");
    dd.textContent = v;
    dl.append(dt, dd);
  }
  root.append(head, badge, dl);
  return root;
}

/**
 * 分布图 of a released warning: the district map (the map module's base, tiles and styles) with
 * each target unit as a dot coloured by where it stands, the warning's polygons and circles, a
 * legend with the count per state, and the units that have no location listed underneath.
 * Fits to the targets; live updates redraw the dots without moving a view the user has chosen.
 */
export function TrackingMap({ units, area, color }: { units: TrackedUnit[]; area: WarningArea; color: string }) {
  const { t } = useI18n();
  const base = useMapBase();
  const datum = useMemo(() => datumOf(base.data?.tileDatum), [base.data?.tileDatum]);
  const host = useRef<HTMLDivElement>(null);
  const view = useBaseMap(host, base.data, datum);
  const areaLayer = useRef<FeatureGroup | null>(null);

  const located = units.filter(placed);
  const unplaced = units.filter((u) => !placed(u));
  const counts = Object.fromEntries(UNIT_STATES.map((s) => [s, 0])) as Record<UnitState, number>;
  for (const u of located) counts[unitState(u)]++;

  // The warning's area, under the units.
  useEffect(() => {
    if (!view) return;
    const group = L.featureGroup().addTo(view.map);
    const style = { color, weight: 2, dashArray: "6 4", fillColor: color, fillOpacity: 0.08, interactive: false, className: "warn-area" };
    for (const ring of area.polygons) L.polygon(ring.map(([lat, lon]) => datum.toView(lat, lon)), style).addTo(group);
    for (const c of area.circles) L.circle(datum.toView(c.lat, c.lon), { ...style, radius: c.radiusKm * 1000 }).addTo(group);
    areaLayer.current = group;
    return () => {
      group.remove();
      areaLayer.current = null;
    };
  }, [view, area, color, datum]);

  // The units, redrawn when the tracking changes; the view fits to them (or to the area).
  useEffect(() => {
    if (!view) return;
    const group = L.layerGroup().addTo(view.map);
    // Waiting and overdue units drawn last, so they are never hidden under the others.
    const order = Object.fromEntries(UNIT_STATES.map((s, i) => [s, i])) as Record<UnitState, number>;
    const sorted = units.filter(placed).sort((a, b) => order[unitState(a)] - order[unitState(b)]);
    for (const u of sorted) {
      const s = unitState(u);
      const lines: [string, string][] = [[t("warn.dueAt"), formatTime(u.dueAt)]];
      if (u.ackedAt) lines.push([t("warn.ackedAt"), formatTime(u.ackedAt)]);
      if (u.feedbackAt) lines.push([t("warn.feedbackAt"), formatTime(u.feedbackAt)]);
      if (u.escalatedAt) lines.push([t("warn.escalatedAt"), formatTime(u.escalatedAt)]);
      const marker = L.circleMarker(datum.toView(u.lat, u.lon), {
        // Towns (and whatever else sits directly under the district) larger than villages and enterprises.
        radius: ((UNIT_KINDS as Record<string, { level: number }>)[u.kind]?.level ?? 3) <= 2 ? 9 : 6,
        color: "#fff", weight: 1.5, fillColor: COLORS[s], fillOpacity: 0.92,
        className: `warn-marker warn-marker-${s}`,
      })
        .bindTooltip(tooltipNode(lines, u.name, { text: t(LABELS[s]), color: COLORS[s] }), { direction: "top", offset: [0, -6] })
        .addTo(group);
      marker.getElement()?.setAttribute("data-unit-id", u.unitId);
    }
    const targets = sorted.map((u) => L.latLng(datum.toView(u.lat, u.lon)));
    const bounds = targets.length ? L.latLngBounds(targets) : (areaLayer.current?.getBounds() ?? null);
    if (bounds?.isValid()) view.setHome(bounds, { padding: [28, 28], maxZoom: 14 });
    return () => {
      group.remove();
    };
  }, [view, units, datum, t]);

  return (
    <div data-testid="warn-map">
      <div className="warn-map">
        <div ref={host} className="map-canvas" data-testid="warn-map-canvas" />
        {base.isLoading && <Spin className="warn-map-overlay" />}
        {base.error && <Alert className="warn-map-overlay" type="error" showIcon title={base.error.message} />}
      </div>
      <div className="warn-map-legend" data-testid="warn-map-legend">
        {UNIT_STATES.map((s) => (
          <span key={s} data-testid={`warn-legend-${s}`} data-count={counts[s]}>
            <i className="warn-dot" style={{ background: COLORS[s] }} />
            {t(LABELS[s])} <b>{counts[s]}</b>
          </span>
        ))}
        {(area.polygons.length > 0 || area.circles.length > 0) && (
          <span><i className="warn-area-key" style={{ borderColor: color, background: `${color}14` }} />{t("warn.area")}</span>
        )}
      </div>
      {unplaced.length > 0 && (
        <div className="warn-map-unplaced" data-testid="warn-map-unplaced">
          <span className="muted">{t("warn.unplaced")}（{unplaced.length}）：</span>
          {unplaced.map((u) => (
            <span key={u.unitId} className="warn-map-unplaced-unit" data-state={unitState(u)} data-testid={`warn-unplaced-${u.unitId}`}>
              <i className="warn-dot" style={{ background: COLORS[unitState(u)] }} />
              {u.name}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
