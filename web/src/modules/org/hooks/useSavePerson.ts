import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreatePersonInput, Person, UpdatePersonInput } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { ORG_KEYS } from "../org.keys.ts";

export type SavePerson = { id: null; input: CreatePersonInput } | { id: string; input: UpdatePersonInput };

/** Creates a person (id null) or updates one with its version. */
export function useSavePerson() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: SavePerson) =>
      id === null
        ? api<Person>("/api/org/people", { body: input })
        : api<Person>(`/api/org/people/${id}`, { method: "PATCH", body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ORG_KEYS.all }),
  });
}
