import { REGISTRIES } from "@yingji/contracts";
import type { RegistryDecl } from "@yingji/contracts/registry";

/** The declaration of a registry by its key (teams, shelters…), or none (incidents). */
export function registryByKey(key: string): RegistryDecl | undefined {
  return (REGISTRIES as Record<string, RegistryDecl>)[key];
}
