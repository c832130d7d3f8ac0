import type { FormInstance } from "antd";
import { ApiError } from "./api.ts";

/**
 * Puts a 400's field errors under the form fields they name (`details.field` or
 * `details.fields[].field`), so the message sits where the user has to fix it.
 */
export function showFieldErrors(form: FormInstance, err: unknown) {
  if (!(err instanceof ApiError) || err.status !== 400) return;
  const d = err.details as { field?: string; fields?: { field: string; message: string }[] } | undefined;
  const list = d?.fields ?? (d?.field ? [{ field: d.field, message: err.message.replace(/^[\w.]+: /, "") }] : []);
  const known = new Set(Object.keys(form.getFieldsValue(true)));
  const fields = list.filter((f) => known.has(f.field)).map((f) => ({ name: f.field, errors: [f.message] }));
  if (fields.length) form.setFields(fields);
}
