import type { FieldDecl } from "@yingji/contracts/registry";
import { DatePicker, Input, InputNumber, Select, Switch } from "antd";
import { useI18n } from "../i18n/useI18n.ts";
import { IncidentSelect } from "./IncidentSelect.tsx";
import { IncidentTypesSelect } from "./IncidentTypesSelect.tsx";

/**
 * The input of one declared field (antd Form passes value/onChange). Dates travel as
 * strings: the Form.Item converts (dateProps in FieldItem). `files` fields are not edited in
 * forms: each module uploads documents to its own route (requisitions: …/:id/documents).
 */
export function FieldControl({ f, testId, value, onChange, ...rest }: { f: FieldDecl; testId: string; value?: unknown; onChange?: (v: unknown) => void }) {
  const { l, t } = useI18n();
  const common = { value, onChange, "data-testid": testId, ...rest } as Record<string, unknown>;
  const options = Object.entries(f.options ?? {}).map(([v, label]) => ({ value: v, label: l(label) }));
  switch (f.kind) {
    case "textarea":
      return <Input.TextArea {...common} autoSize={{ minRows: 2, maxRows: 6 }} onChange={(e) => onChange?.(e.target.value)} />;
    case "integer":
    case "number":
      return <InputNumber {...common} precision={f.kind === "integer" ? 0 : undefined} suffix={f.suffix} style={{ width: "100%" }} onChange={(v) => onChange?.(v)} />;
    case "boolean":
      return <Switch checked={!!value} onChange={(v) => onChange?.(v)} data-testid={testId} />;
    case "date":
      return <DatePicker {...common} style={{ width: "100%" }} onChange={(v) => onChange?.(v)} />;
    case "datetime":
      return <DatePicker {...common} showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} onChange={(v) => onChange?.(v)} />;
    case "enum":
      return <Select {...common} allowClear options={options} onChange={(v) => onChange?.(v ?? null)} />;
    case "enumSet":
      return <Select {...common} mode="multiple" allowClear options={options} onChange={(v) => onChange?.(v)} />;
    case "tags":
      return <Select {...common} mode="tags" tokenSeparators={[",", "，", "、"]} open={false} suffixIcon={null} placeholder={t("reg.tagsPh")} onChange={(v) => onChange?.(v)} />;
    case "incidentTypes":
      return <IncidentTypesSelect value={value as string[] | null} onChange={onChange} testId={testId} />;
    case "incident":
      return <IncidentSelect value={value as string | null} onChange={onChange} testId={testId} />;
    default:
      return <Input {...common} onChange={(e) => onChange?.(e.target.value)} />;
  }
}
