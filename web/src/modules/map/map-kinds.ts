import type { MapKind } from "@yingji/contracts";
import type { DictKey } from "../../app/i18n/dict.ts";

export type { MapKind };

/** The map's point layers, in the order the layer panel lists them (GET /api/map/layers/:kind). */
export const LAYER_ORDER: readonly MapKind[] = ["incidents", "teams", "shelters", "warehouses", "experts", "volunteers"];

/** The kinds the map's nearest-resource panel asks for (GET /api/map/nearest?kinds=). */
export const NEAREST_SHOWN = ["teams", "shelters", "warehouses"] as const satisfies readonly MapKind[];
export type NearestKind = (typeof NEAREST_SHOWN)[number];

/** One colour per layer, the same on the markers, the legend, and the nearest lines. */
export const KIND_COLORS: Record<MapKind, string> = {
  incidents: "#cf1322",
  teams: "#d46b08",
  shelters: "#389e0d",
  warehouses: "#1677ff",
  experts: "#722ed1",
  volunteers: "#08979c",
};

/** A one-character mark drawn in the marker, readable without colour. */
export const KIND_GLYPHS: Record<MapKind, string> = {
  incidents: "事",
  teams: "队",
  shelters: "避",
  warehouses: "库",
  experts: "专",
  volunteers: "志",
};

export const KIND_LABELS: Record<MapKind, DictKey> = {
  incidents: "map.kind.incidents",
  teams: "map.kind.teams",
  shelters: "map.kind.shelters",
  warehouses: "map.kind.warehouses",
  experts: "map.kind.experts",
  volunteers: "map.kind.volunteers",
};
