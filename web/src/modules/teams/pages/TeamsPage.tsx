import { TEAMS } from "@yingji/contracts";
import { Tag } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { RegistryPage } from "../../../app/registry/RegistryPage.tsx";
import { CertificatesCard } from "../components/CertificatesCard.tsx";
import { ReadinessControl } from "../components/ReadinessControl.tsx";

/** 救援队伍: the generic registry, plus readiness at one click and lapsing certificates. */
export function TeamsPage() {
  const { t } = useI18n();
  return (
    <RegistryPage
      decl={TEAMS}
      list={{
        sub: t("teams.sub"),
        render: {
          certificatesExpiring: (r) => (Number(r.certificatesExpiring) > 0 ? <Tag color="warning">{t("teams.certsN", { n: Number(r.certificatesExpiring) })}</Tag> : <span className="muted">—</span>),
        },
      }}
      detail={{
        actions: (r) => <ReadinessControl team={r} />,
        sections: (r) => <CertificatesCard members={r.members} />,
      }}
    />
  );
}
