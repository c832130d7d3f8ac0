import type { RegistryDecl } from "@yingji/contracts/registry";

/** The console list of a registry: its record page's path without the id (/teams/experts/:id → /teams/experts). */
export function listPathOf(decl: Pick<RegistryDecl, "href">): string {
  return decl.href(":id").replace(/\/:id$/, "");
}
