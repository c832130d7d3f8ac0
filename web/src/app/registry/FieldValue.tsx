import type { FieldDecl } from "@yingji/contracts/registry";
import { Tag } from "antd";
import { Link } from "react-router";
import { useI18n } from "../i18n/useI18n.ts";
import { PhoneLink } from "../components/PhoneLink.tsx";
import { fieldText, statusTone, type ValueContext } from "./field-value.ts";

const TONE_COLORS = { ok: "success", warn: "warning", off: "default" } as const;

/** A declared field's value in a cell or a detail row: phones dial, status-like enums are tags. */
export function FieldValue({ f, value, ctx }: { f: Pick<FieldDecl, "kind" | "options" | "suffix" | "filter">; value: unknown; ctx: ValueContext }) {
  if (f.kind === "phone") return <PhoneLink phone={value as string | null} />;
  if (f.kind === "incident" && typeof value === "string") return <IncidentLink id={value} />;
  const text = fieldText(f, value, ctx);
  if (f.kind === "enum" && typeof value === "string") {
    const tone = statusTone(value);
    return tone ? <Tag color={TONE_COLORS[tone]}>{text}</Tag> : <>{text}</>;
  }
  return <>{text}</>;
}

function IncidentLink({ id }: { id: string }) {
  const { t } = useI18n();
  return <Link to={`/incidents/${id}`}>{t("reg.openIncident")}</Link>;
}
