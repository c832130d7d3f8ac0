/**
 * Leaflet with the marker-cluster plugin, from the bundle only (no CDN): the CSS and the
 * images it points at are Vite assets. The plugin is a UMD script that extends the global
 * `L`, so the global is set (leaflet-global.ts) before the plugin module runs.
 */
import "leaflet/dist/leaflet.css";
import "leaflet.markercluster/dist/MarkerCluster.css";
import "leaflet.markercluster/dist/MarkerCluster.Default.css";
import { L } from "./leaflet-global.ts";
import "leaflet.markercluster";

export { L };
