import type { NavItem } from "../../app/nav.ts";

export const ORG_NAV: NavItem[] = [
  { path: "/org", label: "nav.org.tree", permission: "org.read" },
  { path: "/org/people", label: "nav.org.people", permission: "people.read" },
  { path: "/org/checklist", label: "nav.org.checklist", permission: "org.read" },
  { path: "/org/liaison", label: "nav.org.liaison", permission: "people.read" },
  { path: "/org/responsibilities", label: "nav.org.responsibilities", permission: "org.read" },
];
