/**
 * The offline base layer from the org data alone: a district outline around every located
 * unit, and one cell per town (the part of the outline nearer to its centre than to any other
 * town's: a Voronoi partition clipped to the outline). Plane geometry on lon/lat scaled by
 * cos(latitude) is exact enough at district size.
 */

export type LonLat = [number, number];

/** Convex hull (Andrew's monotone chain), counter-clockwise, without repeating the first point. */
export function convexHull(points: LonLat[]): LonLat[] {
  const pts = [...new Map(points.map((p) => [`${p[0]},${p[1]}`, p])).values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o: LonLat, a: LonLat, b: LonLat) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: LonLat[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: LonLat[] = [];
  for (const p of [...pts].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/**
 * The outline: the hull of the points pushed out by `marginKm`, rounded at every corner with
 * a few extra vertices (a hull with sharp corners reads as a diagram, not a district).
 */
export function outline(points: LonLat[], marginKm: number): LonLat[] {
  const lat0 = points.reduce((s, p) => s + p[1], 0) / points.length;
  const kx = 111.32 * Math.cos((lat0 * Math.PI) / 180);
  const ky = 110.57;
  // The Minkowski sum of the hull and a disc: the hull of small circles round each point.
  const ring: LonLat[] = [];
  for (const [lon, lat] of points) {
    for (let i = 0; i < 16; i++) {
      const a = (i / 16) * 2 * Math.PI;
      ring.push([lon + (marginKm * Math.cos(a)) / kx, lat + (marginKm * Math.sin(a)) / ky]);
    }
  }
  return convexHull(ring);
}

/** Clips a convex polygon to the half-plane of points at least as near to `a` as to `b`. */
function clipNearer(poly: LonLat[], a: LonLat, b: LonLat, kx: number): LonLat[] {
  // In scaled coordinates, side(p) = (p − m)·(b − a) ≤ 0 keeps p on a's side.
  const s = (p: LonLat) => ((p[0] - (a[0] + b[0]) / 2) * (b[0] - a[0]) * kx * kx) + ((p[1] - (a[1] + b[1]) / 2) * (b[1] - a[1]));
  const out: LonLat[] = [];
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i];
    const q = poly[(i + 1) % poly.length];
    const sp = s(p);
    const sq = s(q);
    if (sp <= 0) out.push(p);
    if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/** Voronoi cells of the centres, each clipped to the (convex) outline. */
export function cells(boundary: LonLat[], centres: LonLat[]): LonLat[][] {
  const lat0 = centres.reduce((s, p) => s + p[1], 0) / Math.max(1, centres.length);
  const kx = Math.cos((lat0 * Math.PI) / 180);
  return centres.map((c, i) => {
    let poly = boundary;
    for (let j = 0; j < centres.length && poly.length; j++) if (j !== i) poly = clipNearer(poly, c, centres[j], kx);
    return poly;
  });
}

/** A GeoJSON ring: closed, coordinates rounded to about a metre. */
export function ringOf(poly: LonLat[]): LonLat[] {
  const r = poly.map(([x, y]) => [Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5] as LonLat);
  return r.length ? [...r, r[0]] : r;
}

/** Which polygon holds a point (ray casting); used by tests and to place a click in a town. */
export function contains(poly: LonLat[], [x, y]: LonLat): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
