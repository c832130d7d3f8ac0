import type { Role } from "@yingji/contracts";

/** The signed-in user behind a request, as every service sees them. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  unitName: string;
  /** ltree path of the user's unit: the data scope */
  unitPath: string;
  personId: string | null;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  mustEnrollTotp: boolean;
  sessionId: string;
  csrfToken: string;
  ip: string;
}

/** What the audit log needs to know of whoever acts (a user, or the system itself). */
export interface AuditActor {
  id: string | null;
  username: string | null;
  ip: string | null;
}

export const auditActor = (a: Actor): AuditActor => ({ id: a.id, username: a.username, ip: a.ip });
export const SYSTEM: AuditActor = { id: null, username: "system", ip: null };
