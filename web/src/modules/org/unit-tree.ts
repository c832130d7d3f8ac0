import type { Unit } from "@yingji/contracts";

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

/**
 * The tree of the units in scope, built from their parentId. A unit whose parent is not
 * in the list (the top of the caller's scope) is a root.
 */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const byId = new Map<string, UnitNode>();
  for (const u of units) byId.set(u.id, { unit: u, children: [] });
  const roots: UnitNode[] = [];
  for (const node of byId.values()) {
    const parent = node.unit.parentId ? byId.get(node.unit.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (nodes: UnitNode[]) => {
    nodes.sort((a, b) => a.unit.sort - b.unit.sort || a.unit.name.localeCompare(b.unit.name, "zh-CN"));
    for (const n of nodes) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Ids of a unit and every ancestor in the list, root first (for breadcrumbs and expanding the tree). */
export function ancestorsOf(units: Unit[], id: string): Unit[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chain: Unit[] = [];
  for (let u = byId.get(id); u; u = u.parentId ? byId.get(u.parentId) : undefined) chain.unshift(u);
  return chain;
}

/** Ids of a unit's whole subtree, itself included (a unit cannot move under one of these). */
export function subtreeIds(units: Unit[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const out = new Set<string>();
  const walk = (x: string) => {
    out.add(x);
    for (const c of children.get(x) ?? []) walk(c);
  };
  walk(id);
  return out;
}
