import { COMPENSATION_STATUS, REQUISITIONS } from "@yingji/contracts";
import { Tag } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { RegistryPage } from "../../../app/registry/RegistryPage.tsx";
import type { RegistryRow } from "../../../app/registry/registry.types.ts";
import { RequisitionDocuments } from "../components/RequisitionDocuments.tsx";

const COLORS = { none: "default", decided: "warning", paid: "success" } as const;

function CompensationTag({ r }: { r: RegistryRow }) {
  const { l } = useI18n();
  const s = r.compensationStatus as keyof typeof COMPENSATION_STATUS | undefined;
  return s ? <Tag color={COLORS[s]}>{l(COMPENSATION_STATUS[s])}</Tag> : <span className="muted">—</span>;
}

/** 征用补偿: what was requisitioned from whom, its return or consumption, compensation and documents. */
export function RequisitionsPage() {
  const { t } = useI18n();
  const render = { compensationStatus: (r: RegistryRow) => <CompensationTag r={r} /> };
  return <RegistryPage decl={REQUISITIONS} list={{ sub: t("mat.requisitionsSub"), render }} detail={{ render: { ...render, documents: (r) => <RequisitionDocuments r={r} /> } }} />;
}
