/**
 * Walks a route's body schema (as the JSON Schema of its input side) so that tests can
 * enumerate every field of every write route — the fields a new route adds are covered the
 * day it is added — and build a valid sample of any part of a body.
 */
import { z } from "zod";

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
}

/** A place in a body: its path (array items at index 0), its schema, and whether null is allowed there. */
export interface Field {
  path: (string | number)[];
  schema: JsonSchema;
  nullable: boolean;
}

export function jsonSchemaOf(body: unknown): JsonSchema | null {
  if (!body || typeof body !== "object" || !("_zod" in body)) return null;
  return z.toJSONSchema(body as z.ZodType, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

/** The schema without its null branch, and whether it had one. */
export function unwrap(s: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) {
    const rest = alts.filter((a) => a.type !== "null");
    if (rest.length === 1) {
      const inner = unwrap(rest[0]);
      return { schema: inner.schema, nullable: inner.nullable || rest.length < alts.length };
    }
  }
  return { schema: s, nullable: s.type === "null" || (Array.isArray(s.type) && s.type.includes("null")) };
}

export const typeOf = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type);

/** Every field below the root, depth first (objects, arrays, tuples and records are walked into). */
export function fieldsOf(root: JsonSchema): Field[] {
  const out: Field[] = [];
  const walk = (raw: JsonSchema, path: (string | number)[]) => {
    const { schema, nullable } = unwrap(raw);
    if (path.length) out.push({ path, schema, nullable });
    const type = typeOf(schema);
    if (type === "object") {
      for (const [k, v] of Object.entries(schema.properties ?? {})) walk(v, [...path, k]);
      const key = schema.propertyNames?.enum?.[0];
      if (typeof key === "string" && typeof schema.additionalProperties === "object") walk(schema.additionalProperties, [...path, key]);
    } else if (type === "array") {
      if (schema.prefixItems) schema.prefixItems.forEach((item, i) => walk(item, [...path, i]));
      else if (schema.items) walk(schema.items, [...path, 0]);
    }
  };
  walk(root, []);
  return out;
}

const SAMPLE_UUID = "00000000-0000-4000-8000-0000000000ab";

/** A value the schema accepts, as small as can be (for parents of a field that the valid body lacks). */
export function sample(raw: JsonSchema): unknown {
  const { schema } = unwrap(raw);
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  switch (typeOf(schema)) {
    case "string":
      if (schema.format === "uuid") return SAMPLE_UUID;
      if (schema.format === "date-time") return "2030-01-01T08:00:00+08:00";
      if (schema.format === "date") return "2030-01-01";
      if (schema.format === "uri") return "https://example.com/x";
      return "x".repeat(Math.max(1, schema.minLength ?? 1));
    case "number":
    case "integer":
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
    case "boolean":
      return false;
    case "array":
      if (schema.prefixItems) return schema.prefixItems.map(sample);
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items ?? {}));
    case "object":
      return Object.fromEntries((schema.required ?? []).map((k) => [k, sample(schema.properties?.[k] ?? {})]));
  }
  return null;
}

/** A copy of `body` with `value` at `path`, building missing parents from the schema's samples. */
export function withValueAt(body: unknown, root: JsonSchema, path: (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(body ?? {}) as Record<string, unknown>;
  let node: Record<string | number, unknown> = copy;
  let schema = unwrap(root).schema;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    const child = childSchema(schema, key);
    if (node[key] === undefined || node[key] === null || (Array.isArray(node[key]) && (node[key] as unknown[]).length <= (path[i + 1] as number))) {
      const made = sample(child);
      node[key] = Array.isArray(made) && typeof path[i + 1] === "number" && made.length === 0 ? [sample(childSchema(unwrap(child).schema, 0))] : made;
    }
    node = node[key] as Record<string | number, unknown>;
    schema = unwrap(child).schema;
  }
  node[path[path.length - 1]] = value;
  return copy;
}

function childSchema(schema: JsonSchema, key: string | number): JsonSchema {
  if (typeof key === "number") return schema.prefixItems?.[key] ?? schema.items ?? {};
  return schema.properties?.[key] ?? (typeof schema.additionalProperties === "object" ? schema.additionalProperties : {});
}

/** How the error handler names a field: the path joined with dots. */
export const fieldName = (path: (string | number)[]) => path.join(".");
