import { Select } from "antd";
import { usePeople } from "../../org/hooks/usePeople.ts";

interface Props {
  unitId: string | undefined;
  value?: string | string[] | null;
  onChange?: (v: string | string[] | undefined) => void;
  multiple?: boolean;
  placeholder?: string;
  testId?: string;
}

/** Picks people of a unit (GET /api/org/people?unitId=), in the order clicked (the rotation order). */
export function PersonSelect({ unitId, value, onChange, multiple, placeholder, testId }: Props) {
  const people = usePeople({ page: 1, pageSize: 200, unitId }, !!unitId);
  return (
    <Select
      mode={multiple ? "multiple" : undefined}
      allowClear
      showSearch={{ optionFilterProp: "label" }}
      value={value ?? undefined}
      onChange={onChange}
      placeholder={placeholder}
      loading={people.isFetching}
      options={(people.data?.items ?? [])
        .filter((p) => p.active)
        // The unit's own people first; people of units below it carry their unit's name.
        .sort((a, b) => Number(b.unitId === unitId) - Number(a.unitId === unitId))
        .map((p) => ({ value: p.id, label: `${p.name}${p.title ? " · " + p.title : ""}${p.unitId === unitId ? "" : `（${p.unitName}）`}` }))}
      data-testid={testId}
    />
  );
}
