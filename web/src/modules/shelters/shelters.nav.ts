import type { NavItem } from "../../app/nav.ts";

export const SHELTERS_NAV: NavItem[] = [
  { path: "/shelters", label: "nav.sh.shelters", permission: "resources.read" },
  { path: "/shelters/coverage", label: "nav.sh.coverage", permission: "resources.read" },
];
