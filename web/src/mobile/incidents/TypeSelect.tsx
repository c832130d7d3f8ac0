import { useMemo } from "react";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { useIncidentTypes } from "../../modules/incidents/hooks/useIncidentTypes.ts";

/** The incident type as the phone's own picker (a native select, indented by depth). */
export function TypeSelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const { lang } = useI18n();
  const { data: types } = useIncidentTypes();
  const options = useMemo(() => {
    const all = types ?? [];
    const out: { id: string; label: string }[] = [];
    const walk = (parentId: string | null, depth: number) => {
      for (const x of all.filter((c) => c.parentId === parentId).sort((a, b) => a.sort - b.sort)) {
        out.push({ id: x.id, label: "\u3000".repeat(depth) + (lang === "zh" ? x.name : x.nameEn || x.name) });
        walk(x.id, depth + 1);
      }
    };
    walk(null, 0);
    return out;
  }, [types, lang]);
  return (
    <select className="m-native-select" value={value ?? ""} onChange={(e) => onChange?.(e.target.value)} data-testid="m-inc-type">
      <option value="" disabled>
        —
      </option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
