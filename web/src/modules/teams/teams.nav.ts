import type { NavItem } from "../../app/nav.ts";

export const TEAMS_NAV: NavItem[] = [
  { path: "/teams", label: "nav.teams.teams", permission: "resources.read" },
  { path: "/teams/experts", label: "nav.teams.experts", permission: "resources.read" },
  { path: "/teams/volunteers", label: "nav.teams.volunteers", permission: "resources.read" },
];
