import { MODULES, type ModuleKey, type Permission } from "@yingji/contracts";
import { Tag } from "antd";
import type { MenuProps } from "antd";
import { Link } from "react-router";
import { INCIDENTS_NAV } from "../../modules/incidents/incidents.nav.ts";
import { DUTY_NAV } from "../../modules/duty/duty.nav.ts";
import { ORG_NAV } from "../../modules/org/org.nav.ts";
import { MAP_NAV } from "../../modules/map/map.nav.ts";
import { TEAMS_NAV } from "../../modules/teams/teams.nav.ts";
import { MATERIALS_NAV } from "../../modules/materials/materials.nav.ts";
import { SHELTERS_NAV } from "../../modules/shelters/shelters.nav.ts";
import { WARNINGS_NAV } from "../../modules/warnings/warnings.nav.ts";
import { useCan } from "../auth/useCan.ts";
import { useI18n } from "../i18n/useI18n.ts";
import { isBuilt, type NavItem } from "../nav.ts";
import { MODULE_ICONS } from "./module-icons.tsx";

type Item = Required<MenuProps>["items"][number];

/** nav-dashboard, nav-org, nav-org-people, nav-users, … */
const testIdOf = (path: string) => (path === "/" ? "nav-dashboard" : "nav" + path.replaceAll("/", "-"));

/** 首页 is the console's index route; it summarises the org module, so it needs org.read. */
const DASHBOARD_NAV: NavItem[] = [{ path: "/", label: "nav.dashboard", permission: "org.read" }];

/** Pages of each built module; a module missing here shows as "under construction". */
const MODULE_PAGES: Partial<Record<ModuleKey, NavItem[]>> = { dashboard: DASHBOARD_NAV, org: ORG_NAV, duty: DUTY_NAV, incidents: INCIDENTS_NAV,
  map: MAP_NAV,
  teams: TEAMS_NAV,
  materials: MATERIALS_NAV,
  shelters: SHELTERS_NAV,
  warnings: WARNINGS_NAV,
};

const ADMIN_PAGES: { key: "users" | "audit"; item: NavItem }[] = [
  { key: "users", item: { path: "/users", label: "nav.users", permission: "users.manage" } },
  { key: "audit", item: { path: "/audit", label: "nav.audit", permission: "audit.read" } },
];

/** The console menu for the signed-in user, and every path it can select. */
export function useMenuItems(): { items: Item[]; paths: string[]; openKeys: string[] } {
  const { t, l } = useI18n();
  const can = useCan();
  const paths: string[] = [];
  const openKeys: string[] = [];
  const leaf = (n: NavItem, icon?: React.ReactNode): Item => {
    paths.push(n.path);
    return { key: n.path, icon, label: <Link to={n.path} data-testid={testIdOf(n.path)}>{t(n.label)}</Link> };
  };

  const items: Item[] = [];
  for (const m of MODULES) {
    const pages = (MODULE_PAGES[m.key] ?? []).filter((p) => can(p.permission as Permission));
    const built = isBuilt(m);
    if (built && pages.length === 0) continue;
    if (!built || pages.length === 0) {
      items.push({
        key: "/" + m.key,
        icon: MODULE_ICONS[m.key],
        disabled: true,
        label: (
          <span className="menu-wip" data-testid={`nav-wip-${m.key}`}>
            {l(m)}
            <Tag variant="filled" className="menu-wip-tag">
              {t("common.wip")}
            </Tag>
          </span>
        ),
      });
      continue;
    }
    if (pages.length === 1) {
      items.push(leaf(pages[0], MODULE_ICONS[m.key]));
      continue;
    }
    openKeys.push("mod:" + m.key);
    items.push({ key: "mod:" + m.key, icon: MODULE_ICONS[m.key], label: l(m), children: pages.map((p) => leaf(p)) });
  }
  const admin = ADMIN_PAGES.filter((a) => can(a.item.permission));
  if (admin.length) {
    items.push({ type: "divider" });
    for (const a of admin) items.push(leaf(a.item, MODULE_ICONS[a.key]));
  }
  return { items, paths, openKeys };
}

/** Where a user lands after signing in: the first page the menu offers them. */
export function useHomePath(): string | null {
  const { paths } = useMenuItems();
  return paths[0] ?? null;
}
