import type { NavItem } from "../../app/nav.ts";

export const MATERIALS_NAV: NavItem[] = [
  { path: "/materials/stock", label: "nav.mat.stock", permission: "resources.read" },
  { path: "/materials/warehouses", label: "nav.mat.warehouses", permission: "resources.read" },
  { path: "/materials/items", label: "nav.mat.items", permission: "resources.read" },
  { path: "/materials/requisitions", label: "nav.mat.requisitions", permission: "resources.read" },
];
