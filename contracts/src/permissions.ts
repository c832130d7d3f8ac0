/**
 * The one permission table of Yingji. Every route names the permission it needs;
 * a reader can audit who may do what here, and nowhere else.
 *
 * Data scope is separate and the same for every role: a user acts only inside the
 * org subtree of their own unit (platform/scope on the server).
 */
export const ROLES = ["admin", "secadmin", "duty", "leader", "dept", "town", "village", "enterprise", "expert", "auditor"] as const;
type Role = (typeof ROLES)[number];

/**
 * Three-role separation (三员管理, MLPS 2.0 level 3): the system administrator (系统管理员: ordinary
 * accounts, units, settings), the security administrator (安全管理员: the accounts of the security
 * administrators and auditors, their passwords, second factors and status) and the auditor (审计管理员:
 * reads the audit log, which records the other two). An account has one role, so no account holds two.
 */
export const SEPARATED_ROLES = ["admin", "secadmin", "auditor"] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: "区系统管理员", en: "District system administrator" },
  secadmin: { zh: "安全管理员", en: "Security administrator" },
  duty: { zh: "区值班员", en: "District duty officer" },
  leader: { zh: "区领导", en: "District leader" },
  dept: { zh: "成员单位", en: "Member department" },
  town: { zh: "镇(街道)应急办", en: "Town emergency office" },
  village: { zh: "村(社区)信息联络员", en: "Village liaison officer" },
  enterprise: { zh: "企业", en: "Enterprise" },
  expert: { zh: "专家", en: "Expert" },
  auditor: { zh: "审计管理员", en: "Auditor" },
};

/** Everyone who works with the platform's data: not the security administrator nor the auditor, who only keep watch over it. */
const EVERYONE_BUT_AUDITOR: readonly Role[] = ROLES.filter((r) => r !== "auditor" && r !== "secadmin");
const OFFICES: readonly Role[] = ["admin", "duty", "town", "dept"];

export const PERMISSIONS = {
  /** Read the org tree, unit pages, checklists, responsibilities, incident types. */
  "org.read": EVERYONE_BUT_AUDITOR,
  /** Create, rename, deactivate units inside one's subtree. */
  "org.units.write": ["admin", "town"],
  /** Move a unit (and its subtree) to another parent. */
  "org.units.move": ["admin"],
  /** Tick the six-in-place checklist and attach evidence. */
  "org.checklist.write": ["admin", "town", "dept", "village", "enterprise"],
  /** Edit the responsibility matrix (lead and member units per incident type). */
  "org.responsibilities.write": ["admin"],
  /** Read the contact directory (phones masked). */
  "people.read": EVERYONE_BUT_AUDITOR,
  /** Add and edit people. */
  "people.write": OFFICES,
  /** Reveal one person's full phone numbers; every reveal is audited. */
  "people.unmask": ["admin", "duty", "leader", "town", "dept", "village"],
  /** Read rosters, who is on duty now, duty logs and spot-check results (值班值守). */
  "duty.read": EVERYONE_BUT_AUDITOR,
  /** Manage the rosters, key periods and swap approvals of units in one's scope. */
  "duty.manage": ["admin", "duty", "town", "dept", "enterprise"],
  /** Write the duty log (值班日志), sign in and out of a shift, request a swap. */
  "duty.log": ["admin", "duty", "town", "dept", "village", "enterprise"],
  /** Draw and record spot checks of duty rooms (抽查) and export the failures notice. */
  "duty.spotcheck": ["admin", "duty"],
  /** Read incidents, their report chains, statistics and 专报. */
  "incidents.read": EVERYONE_BUT_AUDITOR,
  /** Report an incident (initial report) and add follow-up and final reports, with attachments. */
  "incidents.report": ["admin", "duty", "town", "dept", "village", "enterprise"],
  /** Review a report from below and forward it up one level. */
  "incidents.forward": ["admin", "duty", "town"],
  /** Add a leader's instruction (批示) to an incident. */
  "incidents.instruct": ["leader", "admin", "duty"],
  /** Change the reporting-deadline rules (district administrators only: the rules hold district-wide). */
  "incidents.rules": ["admin"],
  /** Read the resource registries (teams, experts, volunteers, warehouses, stock, shelters, requisitions) and the map. */
  "resources.read": EVERYONE_BUT_AUDITOR,
  /** Add and edit rescue teams, experts, volunteers and shelters of units in one's subtree. */
  "resources.write": ["admin", "duty", "town", "dept", "enterprise"],
  /** Add and edit warehouses, the item catalogue and requisitions (征用补偿). */
  "materials.write": ["admin", "duty", "town", "dept"],
  /** Post stock movements (in, out, transfer, adjust), inspections (盘点) and minimum reserves. */
  "materials.move": ["admin", "duty", "town", "dept", "enterprise"],
  /** Open, close and report the occupancy of a shelter, record its inspections. */
  "shelters.operate": ["admin", "duty", "town", "village"],
  /** Read warnings (received and issued) in scope or addressed to one's unit, their tracking and the inbox (预警). */
  "warnings.read": EVERYONE_BUT_AUDITOR,
  /** Draft a warning or a relay of a received one, edit and submit the draft (拟稿). */
  "warnings.draft": ["admin", "duty", "town"],
  /** Release a draft someone else wrote (签发, second factor with REQUIRE_2FA); update, extend and cancel released warnings. */
  "warnings.approve": ["admin", "leader"],
  /** Import a CAP 1.2 document received from above. */
  "warnings.import": ["admin", "duty"],
  /** Add, change and remove the CAP feeds the server polls (预警信息源); duty officers see them with warnings.import. */
  "warnings.feeds": ["admin"],
  /** Acknowledge a warning for one's unit (已收到) and report response measures (响应措施). */
  "warnings.respond": ["admin", "duty", "town", "dept", "village", "enterprise"],
  /** Work the call list of units that did not acknowledge in time (催办电话). */
  "warnings.calls": ["admin", "duty"],
  /** Manage accounts: each administrator only the roles `MANAGED_ROLES` gives it (三员管理). */
  "users.manage": ["admin", "secadmin"],
  /** Read the audit log and verify its chain. */
  "audit.read": ["auditor"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}

/** Roles that must use a second factor when REQUIRE_2FA is on (the three administrators and warning issuers). */
export const ROLES_REQUIRING_2FA: readonly Role[] = ["admin", "secadmin", "auditor", "duty", "leader"];

/**
 * The roles whose accounts each account manager may create, change, disable, reset and give
 * (users.manage): the system administrator never the security administrator's or the auditor's,
 * the security administrator only those.
 */
export const MANAGED_ROLES: Partial<Record<Role, readonly Role[]>> = {
  admin: ROLES.filter((r) => r !== "secadmin" && r !== "auditor"),
  secadmin: ["secadmin", "auditor"],
};

/** True when an account of `manager`'s role may create or change accounts of role `target` (or give it). */
export function managesRole(manager: Role, target: Role): boolean {
  return can(manager, "users.manage") && !!MANAGED_ROLES[manager]?.includes(target);
}
