import type { FeatureCollection, MapBase, NearestHit, NearestResult } from "@yingji/contracts";

export type { MapBase, NearestHit, NearestResult };
export type LayerCollection = FeatureCollection;
export type MapFeature = FeatureCollection["features"][number];
export type PointProps = MapFeature["properties"];

/** Where the nearest search starts: a clicked point or a record on the map. */
export interface Origin {
  lat: number;
  lon: number;
  label?: string;
}
