import type { FitBoundsOptions, LatLngBounds, Map as LeafletMap } from "leaflet";
import { useEffect, useRef, useState, type RefObject } from "react";
import { L } from "../leaflet.ts";
import type { Datum } from "../map-datum.ts";
import type { MapBase } from "../map.types.ts";

/** The district map a page draws on: the Leaflet map and the view it returns to. */
export interface BaseMap {
  map: LeafletMap;
  /**
   * Where the view goes now and after every resize until the user moves the map (default: the
   * district outline). A page showing a subset — a warning's targets — fits to that instead.
   */
  setHome: (bounds: LatLngBounds, options?: FitBoundsOptions) => void;
  /** The user (or a search) chose the view: resizes keep it from now on. */
  markMoved: () => void;
}

const DISTRICT_FIT: FitBoundsOptions = { padding: [12, 12] };

/**
 * Creates the Leaflet map in `host` with the district's offline base — the outline, the town
 * boundaries and their names (shown from zoom 10), the optional tile layer (MAP_TILE_URL) —
 * once per `base`; null until then. Points are WGS-84: `datum` converts to the tiles' datum.
 * The container may get its size after the map (a lazy page, a collapsing side menu): a resize
 * fits the home view again until the user has moved the map.
 */
export function useBaseMap(host: RefObject<HTMLDivElement | null>, base: MapBase | undefined, datum: Datum): BaseMap | null {
  const [view, setView] = useState<BaseMap | null>(null);
  const toView = useRef(datum.toView);
  toView.current = datum.toView;

  useEffect(() => {
    const el = host.current;
    if (!el || !base) return;
    const project = (lat: number, lon: number) => toView.current(lat, lon);
    // The cluster plugin needs maxZoom on the map when no tile layer sets one.
    const m = L.map(el, { zoomControl: true, attributionControl: !!base.tileUrl, minZoom: 8, maxZoom: 18 });
    m.setView(project(base.center[0], base.center[1]), base.zoom);
    if (base.tileUrl) {
      L.tileLayer(base.tileUrl, { attribution: base.tileAttribution ?? "", maxZoom: 18 }).addTo(m);
    }
    // The base and the town names under everything a page draws (Leaflet's overlay pane is 400):
    // a name must never hide a marker.
    for (const [pane, zIndex] of [["yjBase", "350"], ["yjBaseLabels", "360"]] as const) {
      const el = m.createPane(pane);
      el.style.zIndex = zIndex;
      el.style.pointerEvents = "none";
    }
    const coordsToLatLng = (c: number[]) => L.latLng(project(c[1], c[0]));
    L.geoJSON(base.towns, {
      pane: "yjBase",
      coordsToLatLng: coordsToLatLng as never,
      style: { color: "#5b7fa6", weight: 1, fillColor: "#e8f0fa", fillOpacity: base.tileUrl ? 0.05 : 0.55, dashArray: "3 3" },
      onEachFeature: (f, layer) => {
        layer.bindTooltip(f.properties.name, { permanent: true, direction: "center", className: "map-town-label", pane: "yjBaseLabels" });
      },
      interactive: false,
    }).addTo(m);
    const district = L.geoJSON(base.district, {
      pane: "yjBase",
      coordsToLatLng: coordsToLatLng as never,
      style: { color: "#0f4c9e", weight: 2.5, fill: false },
      interactive: false,
    }).addTo(m);

    let home: { bounds: LatLngBounds; options: FitBoundsOptions } | null = district.getBounds().isValid() ? { bounds: district.getBounds(), options: DISTRICT_FIT } : null;
    let moved = false;
    // Without animation: a zoom animation still running swallows the next fit (a resize, new data).
    const goHome = () => {
      if (home && !moved) m.fitBounds(home.bounds, { ...home.options, animate: false });
    };
    goHome();
    // Town names crowd the view when the whole district is small: shown from zoom 10.
    const labelByZoom = () => el.classList.toggle("map-zoom-low", m.getZoom() < 10);
    m.on("zoomend", labelByZoom);
    labelByZoom();
    const markMoved = () => (moved = true);
    m.on("dragstart", markMoved);
    el.addEventListener("wheel", markMoved, { passive: true });
    const resize = new ResizeObserver(() => {
      m.invalidateSize();
      goHome();
    });
    resize.observe(el);
    setView({
      map: m,
      setHome: (bounds, options = DISTRICT_FIT) => {
        home = bounds.isValid() ? { bounds, options } : home;
        goHome();
      },
      markMoved,
    });
    return () => {
      setView(null);
      resize.disconnect();
      el.removeEventListener("wheel", markMoved);
      m.remove();
    };
  }, [host, base]);

  return view;
}
