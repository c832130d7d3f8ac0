/**
 * A registry row as the console handles it: the standard columns every registry answers
 * (contracts `itemSchema`) plus the declared fields, read by key.
 */
export interface RegistryRow {
  id: string;
  unitId: string;
  unitName: string;
  name: string;
  lat: number | null;
  lon: number | null;
  address: string | null;
  active: boolean;
  editable: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  [field: string]: unknown;
}

/** The list's query: paging, search, sort, unit subtree and the declared filters. */
export interface RegistryParams {
  page: number;
  pageSize: number;
  q?: string;
  sort?: string;
  unitId?: string;
  includeInactive?: "true";
  [filter: string]: string | number | undefined;
}
