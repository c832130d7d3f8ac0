import "./registry.css";
import type { RegistryDecl } from "@yingji/contracts/registry";
import { useParams } from "react-router";
import { RegistryDetail, type RegistryDetailProps } from "./RegistryDetail.tsx";
import { RegistryList, type RegistryListProps } from "./RegistryList.tsx";

/**
 * A registry's two pages behind one route: the list at /<path>, a record at /<path>/:id.
 * A module page declares only what differs (convention 12).
 */
export function RegistryPage({ decl, list, detail }: { decl: RegistryDecl; list?: Omit<RegistryListProps, "decl">; detail?: Omit<RegistryDetailProps, "decl" | "id"> }) {
  const { id } = useParams();
  return id ? <RegistryDetail key={id} decl={decl} id={id} {...detail} /> : <RegistryList decl={decl} {...list} />;
}
