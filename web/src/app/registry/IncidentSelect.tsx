import type { IncidentSummary } from "@yingji/contracts";
import { Select } from "antd";
import { useIncidents } from "../../modules/incidents/hooks/useIncidents.ts";

/** One incident of the caller's scope, picked among the latest 200 by title. */
export function IncidentSelect({ value, onChange, testId }: { value?: string | null; onChange?: (v: string | null) => void; testId?: string }) {
  const list = useIncidents({ page: 1, pageSize: 200 });
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: "label" }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      loading={list.isLoading}
      options={(list.data?.items ?? []).map((i: IncidentSummary) => ({ value: i.id, label: i.title }))}
      data-testid={testId}
    />
  );
}
