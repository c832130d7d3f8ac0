import type { NavItem } from "../../app/nav.ts";

export const INCIDENTS_NAV: NavItem[] = [
  { path: "/incidents/board", label: "nav.inc.board", permission: "incidents.read" },
  { path: "/incidents", label: "nav.inc.list", permission: "incidents.read" },
  { path: "/incidents/stats", label: "nav.inc.stats", permission: "incidents.read" },
];
