import type { LayerGroup, MarkerClusterGroup, Marker } from "leaflet";
import { useEffect, useRef } from "react";
import { L } from "../leaflet.ts";
import { KIND_COLORS, KIND_GLYPHS, type MapKind, type NearestKind } from "../map-kinds.ts";
import type { LayerCollection, MapBase, NearestHit, Origin, PointProps } from "../map.types.ts";
import type { Datum } from "../map-datum.ts";
import { useBaseMap } from "../hooks/useBaseMap.ts";
import type { Bbox } from "../hooks/useMapLayer.ts";

/** What a popup shows of a point: the page decides (it has the words), the map draws. */
export interface PopupText {
  kindLabel: string;
  status?: { text: string; tone: "ok" | "warn" | "off" };
  lines: [string, string][];
  openLabel: string;
  nearestLabel: string;
}

export interface Focus {
  kind: MapKind;
  id: string;
  lat: number;
  lon: number;
}

interface Props {
  base: MapBase;
  datum: Datum;
  layers: { kind: MapKind; data: LayerCollection | undefined }[];
  nearest: { origin: Origin; results: Partial<Record<NearestKind, NearestHit[]>> } | null;
  focus: Focus | null;
  describe: (kind: MapKind, p: PointProps) => PopupText;
  distanceLabel: (item: NearestHit) => string;
  onPick: (origin: Origin) => void;
  onBbox: (bbox: Bbox) => void;
  onOpen: (href: string) => void;
}

const OFF_STATUSES = new Set(["deployed", "unavailable", "closed", "full", "inactive"]);

function pinIcon(kind: MapKind, status: string | null | undefined) {
  const off = status && OFF_STATUSES.has(status) ? " map-pin-off" : "";
  return L.divIcon({
    className: `map-pin map-pin-${kind}${off}`,
    html: `<span style="background:${KIND_COLORS[kind]}">${KIND_GLYPHS[kind]}</span>`,
    iconSize: [26, 26],
    iconAnchor: [13, 13],
    popupAnchor: [0, -12],
  });
}

function clusterIcon(kind: MapKind) {
  return (cluster: { getChildCount: () => number }) => {
    const n = cluster.getChildCount();
    const size = n < 10 ? 30 : n < 100 ? 36 : 44;
    return L.divIcon({
      className: `map-cluster map-cluster-${kind}`,
      html: `<span style="background:${KIND_COLORS[kind]}">${n}</span>`,
      iconSize: [size, size],
    });
  };
}

/** Popup content built as DOM nodes (names come from users: never as HTML). */
function popupNode(text: PopupText, p: PointProps, onOpen: (href: string) => void, onNearest: () => void): HTMLElement {
  const el = (tag: string, cls?: string, content?: string) => {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (content !== undefined) n.textContent = content;
    return n;
  };
  const root = el("div", "map-popup");
  root.dataset.testid = "map-popup";
  root.append(el("div", "map-popup-kind", text.kindLabel));
  const title = el("div", "map-popup-title", p.name);
  root.append(title);
  if (text.status) root.append(el("span", `map-popup-status map-popup-status-${text.status.tone}`, text.status.text));
  if (text.lines.length) {
    const dl = el("dl", "map-popup-lines");
    for (const [k, v] of text.lines) dl.append(el("dt", undefined, k), el("dd", undefined, v));
    root.append(dl);
  }
  const actions = el("div", "map-popup-actions");
  if (p.href) {
    const a = el("a", undefined, text.openLabel) as HTMLAnchorElement;
    a.href = p.href;
    a.dataset.testid = "map-popup-open";
    a.onclick = (e) => {
      e.preventDefault();
      onOpen(p.href!);
    };
    actions.append(a);
  }
  const b = el("a", undefined, text.nearestLabel) as HTMLAnchorElement;
  b.href = "#";
  b.dataset.testid = "map-popup-nearest";
  b.onclick = (e) => {
    e.preventDefault();
    onNearest();
  };
  actions.append(b);
  root.append(actions);
  return root;
}

/**
 * The resource map, driven by props: the district base (useBaseMap), one clustered layer per
 * visible kind, and the nearest-resource lines.
 * Coordinates arrive in WGS-84; `datum` converts to and from the tiles' datum.
 */
export function ResourceMap({ base, datum, layers, nearest, focus, describe, distanceLabel, onPick, onBbox, onOpen }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useBaseMap(host, base, datum);
  const clusters = useRef(new Map<MapKind, MarkerClusterGroup>());
  const markers = useRef(new Map<string, Marker>());
  const nearestLayer = useRef<LayerGroup | null>(null);
  // A record asked for before its layer arrived: opened once its marker exists.
  const pendingFocus = useRef<Focus | null>(null);
  // The marker whose popup is open ("teams:<id>").
  const openPopup = useRef<string | null>(null);
  // Latest callbacks, read by Leaflet handlers bound once.
  const cb = useRef({ describe, distanceLabel, onPick, onBbox, onOpen, datum });
  cb.current = { describe, distanceLabel, onPick, onBbox, onOpen, datum };

  // The visible box for the layer queries, picking a point, the nearest layer: once per map.
  useEffect(() => {
    if (!view) return;
    const m = view.map;
    const emitBbox = () => {
      const b = m.getBounds();
      const sw = cb.current.datum.fromView(b.getSouth(), b.getWest());
      const ne = cb.current.datum.fromView(b.getNorth(), b.getEast());
      const down = (x: number) => Math.floor(x * 100) / 100;
      const up = (x: number) => Math.ceil(x * 100) / 100;
      cb.current.onBbox([down(Math.max(-180, sw[1])), down(Math.max(-90, sw[0])), up(Math.min(180, ne[1])), up(Math.min(90, ne[0]))]);
    };
    m.on("moveend", emitBbox);
    m.on("click", (e) => {
      const [lat, lon] = cb.current.datum.fromView(e.latlng.lat, e.latlng.lng);
      cb.current.onPick({ lat, lon });
    });
    nearestLayer.current = L.layerGroup().addTo(m);
    emitBbox();
    const seen = clusters.current;
    const placed = markers.current;
    return () => {
      seen.clear();
      placed.clear();
      nearestLayer.current = null;
    };
  }, [view]);

  // One clustered layer per kind: shown when the kind is on, its markers replaced when its data change.
  useEffect(() => {
    const m = view?.map;
    if (!m) return;
    const visible = new Set(layers.map((l) => l.kind));
    for (const [kind, group] of clusters.current) {
      if (!visible.has(kind)) {
        group.clearLayers();
        m.removeLayer(group);
        clusters.current.delete(kind);
      }
    }
    for (const { kind, data } of layers) {
      let group = clusters.current.get(kind);
      if (!group) {
        // From street level every point stands alone (records at the same address stay reachable).
        group = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50, disableClusteringAtZoom: 16, iconCreateFunction: clusterIcon(kind) as never });
        group.addTo(m);
        clusters.current.set(kind, group);
      }
      if ((group as unknown as { __data?: unknown }).__data === data) continue;
      (group as unknown as { __data?: unknown }).__data = data;
      // New data (a pan loads the box, a live event) must not close the popup being read.
      const reading = openPopup.current?.startsWith(kind + ":") ? openPopup.current : null;
      group.clearLayers();
      for (const key of [...markers.current.keys()]) if (key.startsWith(kind + ":")) markers.current.delete(key);
      const list: Marker[] = [];
      for (const f of data?.features ?? []) {
        const [lon, lat] = f.geometry.coordinates;
        const p = f.properties;
        const marker = L.marker(cb.current.datum.toView(lat, lon), { icon: pinIcon(kind, p.status), title: p.name });
        marker.bindPopup(() =>
          popupNode(cb.current.describe(kind, p), p, (href) => cb.current.onOpen(href), () => {
            m.closePopup();
            cb.current.onPick({ lat, lon, label: p.name });
          }),
        { minWidth: 220, maxWidth: 300 });
        marker.on("popupopen", () => (openPopup.current = `${kind}:${p.id}`));
        marker.on("popupclose", () => {
          if (openPopup.current === `${kind}:${p.id}`) openPopup.current = null;
        });
        markers.current.set(`${kind}:${p.id}`, marker);
        list.push(marker);
      }
      group.addLayers(list);
      const again = reading && markers.current.get(reading);
      if (again) group.zoomToShowLayer(again, () => again.openPopup());
    }
    const f = pendingFocus.current;
    const marker = f && markers.current.get(`${f.kind}:${f.id}`);
    if (f && marker) {
      pendingFocus.current = null;
      clusters.current.get(f.kind)?.zoomToShowLayer(marker, () => marker.openPopup());
    }
  }, [layers, view]);

  // The search origin and a line to each nearest resource.
  useEffect(() => {
    const group = nearestLayer.current;
    const m = view?.map;
    if (!group || !m) return;
    group.clearLayers();
    if (!nearest) return;
    const { toView } = cb.current.datum;
    const o = toView(nearest.origin.lat, nearest.origin.lon);
    const points = [L.latLng(o)];
    for (const [kind, items] of Object.entries(nearest.results) as [NearestKind, NearestHit[]][]) {
      for (const item of items ?? []) {
        const p = toView(item.lat, item.lon);
        points.push(L.latLng(p));
        L.polyline([o, p], { color: KIND_COLORS[kind], weight: 2, dashArray: "6 4", opacity: 0.9 }).addTo(group);
        L.circleMarker(p, { radius: 7, color: "#fff", weight: 2, fillColor: KIND_COLORS[kind], fillOpacity: 1 })
          .bindTooltip(`${item.name} · ${cb.current.distanceLabel(item)}`, { direction: "top", offset: [0, -6] })
          .addTo(group);
      }
    }
    const mark = L.circleMarker(o, { radius: 9, color: "#cf1322", weight: 3, fillColor: "#fff", fillOpacity: 1 }).addTo(group);
    if (nearest.origin.label) mark.bindTooltip(nearest.origin.label, { permanent: true, direction: "right", offset: [8, 0] });
    view.markMoved();
    if (points.length > 1) m.fitBounds(L.latLngBounds(points), { padding: [60, 60], maxZoom: 15 });
  }, [nearest, view]);

  // A record picked from a list: zoom until its marker leaves the cluster, then open its popup.
  useEffect(() => {
    const m = view?.map;
    if (!m || !focus) return;
    view.markMoved();
    const marker = markers.current.get(`${focus.kind}:${focus.id}`);
    const group = clusters.current.get(focus.kind);
    if (marker && group) group.zoomToShowLayer(marker, () => marker.openPopup());
    else {
      pendingFocus.current = focus;
      m.setView(cb.current.datum.toView(focus.lat, focus.lon), Math.max(m.getZoom(), 15));
    }
  }, [focus, view]);

  return <div ref={host} className="map-canvas" data-testid="map-canvas" />;
}
