import type { NavItem } from "../../app/nav.ts";

export const DUTY_NAV: NavItem[] = [
  { path: "/duty/now", label: "nav.duty.now", permission: "duty.read" },
  { path: "/duty/roster", label: "nav.duty.roster", permission: "duty.read" },
  { path: "/duty/log", label: "nav.duty.log", permission: "duty.read" },
  { path: "/duty/spot-checks", label: "nav.duty.spotChecks", permission: "duty.spotcheck" },
  { path: "/duty/key-periods", label: "nav.duty.keyPeriods", permission: "duty.read" },
];
