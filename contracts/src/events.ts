import type { Permission } from "./permissions.ts";
import { REGISTRIES, type RegistryKey } from "./resources.ts";

/** A registry announces every change of its rows as `<key>.changed`, read with the registry's read permission. */
const REGISTRY_EVENTS = Object.fromEntries(Object.entries(REGISTRIES).map(([key, decl]) => [`${key}.changed`, decl.permissions.read])) as {
  [K in RegistryKey as `${K}.changed`]: Permission;
};

/**
 * Every kind of live event (GET /api/events) and the permission that reading its object needs.
 * A subscriber gets an event only when its role holds that permission and its scope covers the
 * event's unit; a kind missing here cannot be emitted (the server refuses it) and reaches no one.
 */
export const EVENT_PERMISSIONS = {
  "incident.created": "incidents.read",
  "report.submitted": "incidents.read",
  "report.forwarded": "incidents.read",
  "instruction.added": "incidents.read",
  "flag.raised": "incidents.read",
  "warning.released": "warnings.read",
  "warning.updated": "warnings.read",
  "warning.cancelled": "warnings.read",
  "warning.acked": "warnings.read",
  "warning.feedback": "warnings.read",
  "warning.escalated": "warnings.read",
  "stock.changed": "resources.read",
  ...REGISTRY_EVENTS,
} as const satisfies Record<string, Permission>;

export type EventKind = keyof typeof EVENT_PERMISSIONS;

/** The read permission of an event kind, or null for a kind nobody may receive. */
export function eventPermission(kind: string): Permission | null {
  return Object.hasOwn(EVENT_PERMISSIONS, kind) ? EVENT_PERMISSIONS[kind as EventKind] : null;
}
