/**
 * `npm run admin -- create <username> [--role admin|secadmin|auditor] [--name 显示名] [--unit <unit code>] [--district <name> --code <code>]`
 * `npm run admin -- reset-password <username>`
 *
 * Makes the first account of each of the three separated roles of a production installation
 * (系统管理员 admin, 安全管理员 secadmin, 审计管理员 auditor; it has no demo accounts), or resets a
 * password. Only the server's operator can do this for every role: in the app the system
 * administrator cannot create the other two. The password is read from ADMIN_PASSWORD, or asked for on the terminal.
 * On an empty database, --district names the root unit (the district) to create first.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { eq, isNull, sql } from "drizzle-orm";
import { ROLE_LABELS, SEPARATED_ROLES, type Role } from "@yingji/contracts";
import { orgUnits } from "../modules/org/org.table.ts";
import { auditBy, recordAudit } from "../platform/audit.ts";
import { SYSTEM } from "../platform/auth/actor.ts";
import { hashPassword, passwordProblem } from "../platform/auth/passwords.ts";
import { revokeUserSessions } from "../platform/auth/sessions.ts";
import { createUser } from "../platform/auth/users.service.ts";
import { users } from "../platform/platform.table.ts";
import { AppError } from "../platform/errors.ts";
import { openForCli } from "./cli-db.ts";

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function askPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (!process.stdin.isTTY) fail("Set ADMIN_PASSWORD, or run on a terminal to be asked for the password.");
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
      out._writeToOutput = (s: string) => {
        if (s.includes(q)) out.output.write(s);
      };
      rl.question(q, resolve);
    });
  const a = await ask("Password 密码: ");
  process.stdout.write("\n");
  const b = await ask("Again 再次输入: ");
  process.stdout.write("\n");
  rl.close();
  if (a !== b) fail("The two passwords differ.");
  return a;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { role: { type: "string", default: "admin" }, name: { type: "string" }, unit: { type: "string" }, district: { type: "string" }, code: { type: "string" } },
});
const [command, username] = positionals;
if (!command || !username || !["create", "reset-password"].includes(command)) {
  fail("usage: npm run admin -- create <username> [--role admin|secadmin|auditor] [--name N] [--unit CODE] [--district NAME --code CODE]\n       npm run admin -- reset-password <username>");
}
const role = values.role as Role;
if (!(SEPARATED_ROLES as readonly string[]).includes(role)) fail(`--role must be one of ${SEPARATED_ROLES.join(", ")}; other accounts are made in the app.`);

const password = await askPassword();
const problem = passwordProblem(password, username);
if (problem) fail(`Password refused: ${problem}`);
const database = await openForCli();
const { db } = database;
try {
  if (command === "create") {
    let [root] = await db.select().from(orgUnits).where(isNull(orgUnits.parentId)).limit(1);
    if (!root) {
      if (!values.district) fail("The database has no units yet: give the district with --district <name> [--code <administrative code>].");
      const label = values.code && /^\w+$/.test(values.code) ? `d${values.code}` : "root";
      [root] = await db.insert(orgUnits).values({ name: values.district, kind: "district", code: values.code ?? null, path: label, parentId: null }).returning();
      console.log(`created the root unit ${root.name}`);
    }
    const [unit] = values.unit ? await db.select().from(orgUnits).where(eq(orgUnits.code, values.unit)) : [root];
    if (!unit) fail(`No unit with code ${values.unit}`);
    const u = await createUser(db, SYSTEM, { username, displayName: values.name ?? username, role, unitId: unit.id, password }, { mustChangePassword: false });
    console.log(`${ROLE_LABELS[role].en} (${ROLE_LABELS[role].zh}) ${u.username} created in ${unit.name}; sign in and enrol the second factor (TOTP) when asked.`);
  } else {
    const [u] = await db.select().from(users).where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
    if (!u) fail(`No user ${username}`);
    const passwordHash = await hashPassword(password);
    await db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash, mustChangePassword: true, passwordChangedAt: new Date(), version: u.version + 1 }).where(eq(users.id, u.id));
      await revokeUserSessions(tx, u.id);
      await recordAudit(tx, { ...auditBy(SYSTEM), action: "users.password_reset_cli", entity: "user", entityId: u.id });
    });
    console.log(`password of ${username} reset; they must change it at the next sign-in.`);
  }
} catch (e) {
  if (e instanceof AppError) fail(e.message);
  throw e;
} finally {
  await database.close();
}
