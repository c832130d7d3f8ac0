import { MATERIAL_ITEMS } from "@yingji/contracts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { RegistryPage } from "../../../app/registry/RegistryPage.tsx";

/** 物资目录: category, name, specification, unit of measure. */
export function ItemsPage() {
  const { t } = useI18n();
  return <RegistryPage decl={MATERIAL_ITEMS} list={{ sub: t("mat.itemsSub") }} />;
}
