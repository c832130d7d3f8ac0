/**
 * Three-role separation (三员管理, MLPS 2.0 level 3): every account-management route, called by
 * each account manager on an account of every role, with every change it can make (create,
 * rename, move, disable, reset the password or the second factor, give another role), is
 * refused with nothing written unless the manager manages both the account's role and the new
 * one. The system administrator can neither make an auditor (and read the log through it) nor
 * a security administrator; the auditor sees what both others did.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, managesRole, MANAGED_ROLES, ROLES, SEPARATED_ROLES, type Role } from "@yingji/contracts";
import { buildTestApp, countRows, loginAs, type Client, type TestApp } from "../../../test/helpers.ts";

let t: TestApp;
const clients = new Map<string, Client>();
const accounts = new Map<Role, { id: string; unitId: string }>();
const MANAGERS = ROLES.filter((r) => can(r, "users.manage"));

beforeAll(async () => {
  t = await buildTestApp();
  for (const role of ["admin", "secadmin", "auditor"] as const) clients.set(role, await loginAs(t.app, role));
  // The demo has one account of every role, named after it.
  const { rows } = await t.db.execute<{ id: string; username: Role; unit_id: string }>(sql`select id, username, unit_id from users`);
  for (const r of rows) if ((ROLES as readonly string[]).includes(r.username)) accounts.set(r.username, { id: r.id, unitId: r.unit_id });
  expect([...accounts.keys()].sort()).toEqual([...ROLES].sort());
});
afterAll(() => t?.close());

const snapshot = async () => {
  const { rows } = await t.db.execute<{ s: string }>(sql`select string_agg(id || ':' || role || ':' || version || ':' || active || ':' || password_hash, ',' order by id) as s from users`);
  return { users: rows[0].s, audit: await countRows(t.db, "audit_log"), sessions: await countRows(t.db, "sessions") };
};
const versionOf = async (id: string) => Number((await t.db.execute<{ v: number }>(sql`select version as v from users where id = ${id}`)).rows[0].v);

/** Every change PATCH /api/users/:id can make, one at a time. */
const CHANGES = (target: Role): Record<string, Record<string, unknown>>[] => [
  { displayName: { displayName: "改名" } },
  { unitId: { unitId: accounts.get(target)!.unitId } },
  { active: { active: false } },
  { password: { password: "Another#Pass2031" } },
  { resetTotp: { resetTotp: true } },
  { personId: { personId: null } },
  ...ROLES.filter((r) => r !== target).map((r) => ({ [`role→${r}`]: { role: r } })),
];

describe("three-role separation", () => {
  it("covers every account-management route, and only account managers hold users.manage", () => {
    const routes = t.app.routeList.filter((r) => r.permission === "users.manage").map((r) => `${r.method} ${r.url}`).sort();
    expect(routes).toEqual(["GET /api/users", "GET /api/users/:id", "PATCH /api/users/:id", "POST /api/users"]);
    expect(MANAGERS.sort()).toEqual(["admin", "secadmin"]);
    // No role is both an account manager for the separated roles and the auditor; no manager manages the other's roles.
    expect(can("auditor", "users.manage")).toBe(false);
    expect(MANAGED_ROLES.admin).not.toContain("secadmin");
    expect(MANAGED_ROLES.admin).not.toContain("auditor");
    expect(MANAGED_ROLES.secadmin).not.toContain("admin");
    expect(SEPARATED_ROLES.filter((r) => can(r, "audit.read"))).toEqual(["auditor"]);
  });

  it("refuses to create an account of a role the manager does not manage, writing nothing", async () => {
    for (const manager of MANAGERS) {
      for (const role of ROLES) {
        if (managesRole(manager, role)) continue;
        const before = await snapshot();
        const res = await clients.get(manager)!.post("/api/users", { username: `x-${manager}-${role}`, displayName: "越权", role, unitId: accounts.get(manager)!.unitId, password: "Scope#Test2030" });
        expect(res.statusCode, `${manager} creates ${role}`).toBe(403);
        expect(await snapshot(), `${manager} creates ${role}`).toEqual(before);
      }
    }
  });

  it("refuses every change to an account the manager does not manage, and every grant of a role it does not manage, writing nothing", async () => {
    let refused = 0;
    for (const manager of MANAGERS) {
      for (const target of ROLES) {
        if (target === manager) continue; // one's own account: its own rules (not one's own role or status)
        const { id } = accounts.get(target)!;
        for (const change of CHANGES(target)) {
          const [[what, body]] = Object.entries(change);
          const newRole = body.role as Role | undefined;
          if (managesRole(manager, target) && (!newRole || managesRole(manager, newRole))) continue;
          const before = await snapshot();
          const res = await clients.get(manager)!.patch(`/api/users/${id}`, { version: await versionOf(id), ...body });
          expect(res.statusCode, `${manager} → ${target}: ${what}`).toBe(403);
          expect(await snapshot(), `${manager} → ${target}: ${what}`).toEqual(before);
          refused++;
        }
      }
    }
    // admin on secadmin and auditor accounts (all changes), secadmin on the ordinary and admin ones, and every grant across.
    expect(refused).toBeGreaterThan(100);
  });

  it("refuses the probe's path: the system administrator cannot make an auditor and read the log through it", async () => {
    const admin = clients.get("admin")!;
    const made = await admin.post("/api/users", { username: "helper1", displayName: "助手", role: "duty", unitId: accounts.get("admin")!.unitId, password: "Scope#Test2030" });
    expect(made.statusCode).toBe(201);
    const promote = await admin.patch(`/api/users/${made.json().id}`, { version: made.json().version, role: "auditor" });
    expect(promote.statusCode).toBe(403);
    expect((await admin.get(`/api/users/${made.json().id}`)).json().role).toBe("duty");
    expect((await admin.get("/api/audit")).statusCode).toBe(403);
  });

  it("lets each manager do its own part: admin ordinary accounts, secadmin the security administrators' and auditors'", async () => {
    const admin = clients.get("admin")!;
    const secadmin = clients.get("secadmin")!;
    const unitId = accounts.get("admin")!.unitId;
    const duty = await admin.post("/api/users", { username: "duty2", displayName: "值班二", role: "duty", unitId, password: "Scope#Test2030" });
    expect(duty.statusCode).toBe(201);
    expect((await admin.patch(`/api/users/${duty.json().id}`, { version: duty.json().version, role: "leader" })).statusCode).toBe(200);
    const auditor = await secadmin.post("/api/users", { username: "auditor2", displayName: "审计二", role: "auditor", unitId, password: "Scope#Test2030" });
    expect(auditor.statusCode).toBe(201);
    const reset = await secadmin.patch(`/api/users/${auditor.json().id}`, { version: auditor.json().version, password: "Another#Pass2031" });
    expect(reset.statusCode).toBe(200);
    // The security administrator sees every account but may change only its own kind.
    expect((await secadmin.get("/api/users?pageSize=200")).json().total).toBeGreaterThanOrEqual(ROLES.length);
  });

  it("does not let one person hold two of the separated roles through two accounts", async () => {
    const { rows } = await t.db.execute<{ id: string }>(sql`select id from people where unit_id = ${accounts.get("admin")!.unitId} limit 1`);
    const personId = rows[0].id;
    const unitId = accounts.get("admin")!.unitId;
    const sec = await clients.get("secadmin")!.post("/api/users", { username: "sec-person", displayName: "某人", role: "secadmin", unitId, personId, password: "Scope#Test2030" });
    expect(sec.statusCode).toBe(201);
    const before = await snapshot();
    const asAdmin = await clients.get("admin")!.post("/api/users", { username: "admin-person", displayName: "某人", role: "admin", unitId, personId, password: "Scope#Test2030" });
    expect(asAdmin.statusCode).toBe(422);
    expect(asAdmin.json().error.code).toBe("separated_roles");
    expect(await snapshot()).toEqual(before);
  });

  it("shows the auditor what both administrators did", async () => {
    const res = await clients.get("auditor")!.get("/api/audit?action=users.&pageSize=200");
    const actors = new Set((res.json().items as { actorName: string }[]).map((e) => e.actorName));
    expect(actors).toContain("admin");
    expect(actors).toContain("secadmin");
  });
});
