/**
 * The generic registry (convention 12): a registry is declared once as a list of fields,
 * each carrying its zod schema and what the console needs (kind of control, labels zh/en,
 * enum options, list column, filter, Excel column). The server builds its routes and the
 * web builds its list, form, filters and Excel pages from the same declaration.
 */
import { z } from "zod";
import { DateOnly, DateTime, Id, LIMITS, Line, MultiLine, Phone, StandardColumns, Timestamp, Version } from "./common.ts";
import type { Permission } from "./permissions.ts";

export interface Label {
  zh: string;
  en: string;
}

/** An enum's options with their labels, in display order. */
export type Options<T extends string> = Record<T, Label>;

export type FieldKind =
  | "text" | "textarea" | "phone" | "integer" | "number" | "boolean" | "date" | "datetime"
  | "enum" | "enumSet" | "tags" | "incidentTypes" | "incident" | "files" | "rows";

export interface FieldDecl<S extends z.ZodType = z.ZodType> {
  kind: FieldKind;
  label: Label;
  /** The value's schema in a create/update body (without null/optional: the builders add them). */
  schema: S;
  required?: boolean;
  /** Shown as a column of the list (and of the export). */
  list?: boolean;
  /** Offered as a filter of the list, the export and the map layer (enum, enumSet, boolean, incidentTypes). */
  filter?: boolean;
  /** Part of the Excel template/import (default: yes, except rows and files). */
  excel?: boolean;
  /** Enum options (enum, enumSet). */
  options?: Options<string>;
  /** Sub-fields of a rows field (team members, equipment...). */
  fields?: Record<string, FieldDecl>;
  /** A person's own number: masked for roles without people.unmask, in lists, details, exports and on the map (duty lines are not). */
  masked?: boolean;
  /** Unit of measure shown after the value (m², 人, 元). */
  suffix?: string;
  help?: Label;
  /** Example value for the Excel template. */
  example?: string;
}

type Fields = Record<string, FieldDecl>;

const label = (zh: string, en: string): Label => ({ zh, en });
const text = (max: number) => Line(max).min(1);

/** Field builders: each returns the field's schema and UI metadata together. */
export const field = {
  text: <R extends boolean = false>(zh: string, en: string, o: Partial<FieldDecl> & { required?: R; max?: number } = {}) =>
    ({ kind: "text" as const, label: label(zh, en), ...o, schema: text(o.max ?? LIMITS.shortText) }) as FieldDecl<z.ZodString> & { required: R },
  textarea: (zh: string, en: string, o: Partial<FieldDecl> = {}) =>
    ({ kind: "textarea" as const, label: label(zh, en), ...o, schema: MultiLine(LIMITS.longText).min(1) }) as FieldDecl<z.ZodString> & { required: false },
  phone: (zh: string, en: string, o: Partial<FieldDecl> = {}) =>
    ({ kind: "phone" as const, label: label(zh, en), ...o, schema: Phone }) as FieldDecl<typeof Phone> & { required: false },
  integer: <R extends boolean = false>(zh: string, en: string, o: Partial<FieldDecl> & { required?: R; min?: number; max?: number } = {}) =>
    ({ kind: "integer" as const, label: label(zh, en), ...o, schema: z.number().int().min(o.min ?? 0).max(o.max ?? 10_000_000) }) as FieldDecl<z.ZodNumber> & { required: R },
  number: <R extends boolean = false>(zh: string, en: string, o: Partial<FieldDecl> & { required?: R; min?: number; max?: number } = {}) =>
    ({ kind: "number" as const, label: label(zh, en), ...o, schema: z.number().min(o.min ?? 0).max(o.max ?? 1e12) }) as FieldDecl<z.ZodNumber> & { required: R },
  boolean: (zh: string, en: string, o: Partial<FieldDecl> = {}) =>
    ({ kind: "boolean" as const, label: label(zh, en), ...o, schema: z.boolean() }) as FieldDecl<z.ZodBoolean> & { required: false },
  date: <R extends boolean = false>(zh: string, en: string, o: Partial<FieldDecl> & { required?: R } = {}) =>
    ({ kind: "date" as const, label: label(zh, en), ...o, schema: DateOnly }) as FieldDecl<z.ZodISODate> & { required: R },
  datetime: <R extends boolean = false>(zh: string, en: string, o: Partial<FieldDecl> & { required?: R } = {}) =>
    ({ kind: "datetime" as const, label: label(zh, en), ...o, schema: DateTime }) as FieldDecl<z.ZodISODateTime> & { required: R },
  enum: <T extends string, R extends boolean = false>(zh: string, en: string, options: Options<T>, o: Partial<FieldDecl> & { required?: R } = {}) =>
    ({ kind: "enum" as const, label: label(zh, en), options, ...o, schema: z.enum(Object.keys(options) as [T, ...T[]]) }) as FieldDecl<z.ZodEnum<{ [K in T]: K }>> & { required: R },
  enumSet: <T extends string>(zh: string, en: string, options: Options<T>, o: Partial<FieldDecl> = {}) =>
    ({ kind: "enumSet" as const, label: label(zh, en), options, ...o, schema: z.array(z.enum(Object.keys(options) as [T, ...T[]])).max(50) }) as FieldDecl<z.ZodArray<z.ZodEnum<{ [K in T]: K }>>> & { required: false },
  tags: (zh: string, en: string, o: Partial<FieldDecl> = {}) =>
    ({ kind: "tags" as const, label: label(zh, en), ...o, schema: z.array(text(LIMITS.name)).max(50) }) as FieldDecl<z.ZodArray<z.ZodString>> & { required: false },
  incidentTypes: (zh: string, en: string, o: Partial<FieldDecl> = {}) =>
    ({ kind: "incidentTypes" as const, label: label(zh, en), ...o, schema: z.array(Id).max(100) }) as FieldDecl<z.ZodArray<typeof Id>> & { required: false },
  incident: (zh: string, en: string, o: Partial<FieldDecl> = {}) =>
    ({ kind: "incident" as const, label: label(zh, en), excel: false, ...o, schema: Id }) as FieldDecl<typeof Id> & { required: false },
  files: (zh: string, en: string, o: Partial<FieldDecl> = {}) =>
    ({ kind: "files" as const, label: label(zh, en), excel: false, ...o, schema: z.array(Id).max(50) }) as FieldDecl<z.ZodArray<typeof Id>> & { required: false },
  rows: <F extends Fields>(zh: string, en: string, fields: F, o: Partial<FieldDecl> & { max?: number } = {}) =>
    ({ kind: "rows" as const, label: label(zh, en), excel: false, ...o, fields, schema: z.array(z.strictObject(inputShape(fields))).max(o.max ?? 500) }) as FieldDecl<z.ZodArray<z.ZodObject<InputShape<F>>>> & { required: false },
};

type InputShape<F extends Fields> = {
  [K in keyof F]: F[K] extends { required: true } ? F[K]["schema"] : F[K]["schema"] extends z.ZodArray ? z.ZodOptional<F[K]["schema"]> : z.ZodOptional<z.ZodNullable<F[K]["schema"]>>;
};
/** Kinds whose value is a list: empty is [], never null (a null list reached the services as a crash). */
const LIST_KINDS = new Set<FieldKind>(["enumSet", "tags", "incidentTypes", "files", "rows"]);
type OutputShape<F extends Fields> = { [K in keyof F]: z.ZodNullable<F[K]["schema"]> };

function inputShape<F extends Fields>(fields: F): InputShape<F> {
  return Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.required ? f.schema : LIST_KINDS.has(f.kind) ? f.schema.optional() : f.schema.nullable().optional()])) as InputShape<F>;
}

/** WGS-84 coordinates, range-checked (the district check is a server setting). */
export const Lat = z.number().min(-90).max(90).describe("latitude, WGS-84");
export const Lon = z.number().min(-180).max(180).describe("longitude, WGS-84");

export interface RegistryDecl<F extends Fields = Fields> {
  /** URL segment and key: /api/<key>. */
  key: string;
  /** Name of one record in the audit log (entity). */
  entity: string;
  /** The module it belongs to (menu and permissions). */
  module: "teams" | "materials" | "shelters";
  label: Label;
  /** Rows have a location (lat/lon, on the map and in the nearest search). */
  located: boolean;
  fields: F;
  /** Fields searched by ?q= (name always). */
  search: (keyof F & string)[];
  /** Server-computed values shown in the list/detail (never in a form). */
  computed?: Record<string, { label: Label; schema: z.ZodType; list?: boolean; suffix?: string }>;
  permissions: { read: Permission; write: Permission };
  /** Console page of one record, for map popups and links. */
  href: (id: string) => string;
  /** Excel sheet and file name. */
  sheet: string;
}

/** Standard input of every registry row: owning unit, name, optional location. */
const baseInput = (located: boolean) => ({
  unitId: Id.describe("owning unit (所属单位): the row's data scope"),
  name: text(LIMITS.name).describe("name (名称)"),
  ...(located ? { lat: Lat, lon: Lon, address: text(LIMITS.shortText).nullable().optional().describe("address (地址)") } : {}),
});

export function createInput<F extends Fields>(d: RegistryDecl<F>) {
  return z.strictObject({ ...baseInput(d.located), ...inputShape(d.fields) });
}

export function updateInput<F extends Fields>(d: RegistryDecl<F>) {
  return createInput(d).partial().extend({ version: Version.min(1) }).strict();
}

/** A field's value in a response: as written, except that a masked number (138****1234) is no longer a valid phone. */
function outputSchema(f: FieldDecl): z.ZodType {
  if (f.kind === "phone") return z.string();
  if (f.kind === "rows" && f.fields) {
    return z.array(z.object(Object.fromEntries(Object.entries(f.fields).map(([k, sub]) => [k, outputSchema(sub).nullable().optional()]))));
  }
  return f.schema;
}

export function itemSchema<F extends Fields>(d: RegistryDecl<F>) {
  const out = Object.fromEntries(Object.entries(d.fields).map(([k, f]) => [k, outputSchema(f).nullable()])) as unknown as OutputShape<F>;
  const computed = Object.fromEntries(Object.entries(d.computed ?? {}).map(([k, c]) => [k, c.schema]));
  return z.object({
    id: Id,
    unitId: Id,
    unitName: z.string(),
    name: z.string(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    address: z.string().nullable(),
    active: z.boolean(),
    /** The caller may edit it (it lies in the caller's subtree, and the role may write). */
    editable: z.boolean(),
    ...out,
    ...computed,
    ...StandardColumns,
  });
}

/** Which fields may filter: enum (one value), enumSet/incidentTypes (contains), boolean. */
export function filterKeys(d: RegistryDecl): string[] {
  return Object.entries(d.fields).filter(([, f]) => f.filter).map(([k]) => k);
}

export function listQuery(d: RegistryDecl) {
  const filters: Record<string, z.ZodType> = {};
  for (const k of filterKeys(d)) {
    const f = d.fields[k];
    if (f.kind === "enum" || f.kind === "enumSet") filters[k] = z.enum(Object.keys(f.options!) as [string, ...string[]]).optional();
    else if (f.kind === "incidentTypes") filters[k] = Id.optional();
    else if (f.kind === "boolean") filters[k] = z.enum(["true", "false"]).optional();
  }
  const sortable = ["name", "updatedAt", ...Object.entries(d.fields).filter(([, f]) => f.list && f.kind !== "rows" && f.kind !== "tags").map(([k]) => k)];
  return z.strictObject({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
    q: Line(LIMITS.name).optional().describe("search in name and the declared search fields"),
    sort: z.enum(sortable.flatMap((k) => [k, `-${k}`]) as [string, ...string[]]).optional().describe("field, or -field for descending"),
    unitId: Id.optional().describe("rows of this unit's subtree"),
    includeInactive: z.enum(["true", "false"]).optional(),
    ...filters,
  });
}

export const HistoryEntry = z.object({
  seq: z.number().int(),
  at: Timestamp,
  actorName: z.string().nullable(),
  action: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** Every field's label in one list, for the Excel header and the detail page. */
export function excelFields(d: RegistryDecl): [string, FieldDecl][] {
  return Object.entries(d.fields).filter(([, f]) => f.excel ?? (f.kind !== "rows" && f.kind !== "files" && f.kind !== "incident"));
}
