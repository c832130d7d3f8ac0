import L from "leaflet";

// leaflet.markercluster reads and extends `window.L`.
(globalThis as unknown as { L: typeof L }).L = L;

export { L };
