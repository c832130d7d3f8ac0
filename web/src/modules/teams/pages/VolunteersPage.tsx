import { VOLUNTEERS } from "@yingji/contracts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { RegistryPage } from "../../../app/registry/RegistryPage.tsx";

/** 志愿者: groups and people, skills, availability, training. */
export function VolunteersPage() {
  const { t } = useI18n();
  return <RegistryPage decl={VOLUNTEERS} list={{ sub: t("teams.volunteersSub") }} />;
}
