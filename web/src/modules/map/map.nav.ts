import type { NavItem } from "../../app/nav.ts";

export const MAP_NAV: NavItem[] = [{ path: "/map", label: "nav.map", permission: "resources.read" }];
