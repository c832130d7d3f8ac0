import { fromTileDatum, toTileDatum, type TileDatum } from "@yingji/contracts/geo";

/** Converts between stored WGS-84 points and the map's display datum (the tiles'). */
export interface Datum {
  toView: (lat: number, lon: number) => [number, number];
  fromView: (lat: number, lon: number) => [number, number];
}

export function datumOf(tileDatum: TileDatum | null | undefined): Datum {
  const d: TileDatum = tileDatum ?? "wgs84";
  return {
    toView: (lat, lon) => toTileDatum(d, lat, lon),
    fromView: (lat, lon) => fromTileDatum(d, lat, lon),
  };
}
