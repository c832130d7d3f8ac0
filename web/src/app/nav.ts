import type { ModuleKey, Permission } from "@yingji/contracts";
import type { DictKey } from "./i18n/dict.ts";

/** One page in the console menu; a module lists its pages, the shell draws the menu. */
export interface NavItem {
  path: string;
  label: DictKey;
  /** Shown only to users holding this permission. */
  permission: Permission;
}

/** The menu entry that owns a location: the longest nav path that prefixes it. */
export function navKeyOf(pathname: string, paths: string[]): string | undefined {
  return paths
    .filter((p) => pathname === p || pathname.startsWith(p + "/"))
    .sort((a, b) => b.length - a.length)[0];
}

/** Whether a module has pages in this web build (the contracts' flag). */
export function isBuilt(m: { key: ModuleKey; built: boolean }): boolean {
  return m.built;
}
