/** Polygons as text in the draft form: one per line, "lat,lon" pairs separated by spaces (CAP's own notation). */
export function polygonsToText(polygons: Array<Array<[number, number]>>): string {
  return polygons.map((ring) => ring.map(([lat, lon]) => `${lat},${lon}`).join(" ")).join("\n");
}

/** Parses the text; returns the 1-based number of the first bad line instead when one is not a closed ring of ≥ 4 points. */
export function textToPolygons(text: string): { polygons: Array<Array<[number, number]>> } | { badLine: number } {
  const polygons: Array<Array<[number, number]>> = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const ring = line.split(/\s+/).map((pair) => pair.split(",").map(Number) as [number, number]);
    const ok = ring.length >= 4 && ring.every((p) => p.length === 2 && Math.abs(p[0]) <= 90 && Math.abs(p[1]) <= 180 && p.every(Number.isFinite))
      && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1];
    if (!ok) return { badLine: i + 1 };
    polygons.push(ring);
  }
  return { polygons };
}
