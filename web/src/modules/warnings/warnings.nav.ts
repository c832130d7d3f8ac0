import type { NavItem } from "../../app/nav.ts";

export const WARNINGS_NAV: NavItem[] = [
  { path: "/warnings", label: "nav.warn.list", permission: "warnings.read" },
  { path: "/warnings/calls", label: "nav.warn.calls", permission: "warnings.calls" },
  { path: "/warnings/feeds", label: "nav.warn.feeds", permission: "warnings.import" },
];
