import type { Person } from "@yingji/contracts";
import type { UnmaskedPhones } from "../org.types.ts";
import { useState } from "react";
import { usePeople } from "../hooks/usePeople.ts";
import { PeopleTable } from "./PeopleTable.tsx";

/** The people of one unit and its subtree, as on the contacts page. */
export function UnitPeopleTable({ unitId, onEdit }: { unitId: string; onEdit?: (p: Person, phones: UnmaskedPhones | undefined) => void }) {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const people = usePeople({ ...page, unitId });
  return (
    <PeopleTable
      data={people.data}
      loading={people.isFetching}
      onPage={(p, s) => setPage({ page: p, pageSize: s })}
      onEdit={onEdit}
      compact
    />
  );
}
