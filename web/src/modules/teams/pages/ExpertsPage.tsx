import { EXPERTS } from "@yingji/contracts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { RegistryPage } from "../../../app/registry/RegistryPage.tsx";

/** 应急专家: "experts for incident type X" is the specialties filter of the list. */
export function ExpertsPage() {
  const { t } = useI18n();
  return <RegistryPage decl={EXPERTS} list={{ sub: t("teams.expertsSub") }} />;
}
