import { SHELTERS } from "@yingji/contracts";
import { useCan } from "../../../app/auth/useCan.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { RegistryPage } from "../../../app/registry/RegistryPage.tsx";
import type { RegistryRow } from "../../../app/registry/registry.types.ts";
import { ShelterInspectionsCard } from "../components/ShelterInspectionsCard.tsx";
import { ShelterStatus } from "../components/ShelterStatus.tsx";
import { ShelterStatusButton } from "../components/ShelterStatusModal.tsx";

/** 避难场所: the generic registry, plus status and occupancy (full at capacity) and inspections. */
export function SheltersPage() {
  const { t } = useI18n();
  const can = useCan();
  const render = { status: (r: RegistryRow) => <ShelterStatus r={r} /> };
  return (
    <RegistryPage
      decl={SHELTERS}
      list={{ sub: t("sh.sub"), render }}
      detail={{
        render,
        actions: (r) => (can("shelters.operate") && r.active ? <ShelterStatusButton shelter={r} /> : null),
        sections: (r) => <ShelterInspectionsCard shelter={r} />,
      }}
    />
  );
}
