/**
 * Embedded mode as a user runs it: real server processes on one DATA_DIR. A second
 * process refuses to start; an answered write survives kill -9; the command-line tools
 * verify the audit chain and make the first administrator of a production install.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { usePostgres } from "../test/helpers.ts";

const root = resolve(import.meta.dirname, "../..");
const node = join(root, "node_modules/.bin/node");
const PASSWORD = "Embed#2030pass";
const dirs: string[] = [];
const procs: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

function start(dataDir: string, port: number, env: Record<string, string> = {}) {
  const child = spawn(node, ["server/src/main.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, PORT: String(port), DEMO_PASSWORD: PASSWORD, LOG_LEVEL: "warn", SERVE_WEB: "false", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  procs.push(child);
  const exited = new Promise<number | null>((res) => child.on("exit", (code) => res(code)));
  return { child, exited, output: () => output };
}

async function waitHealthy(port: number, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not become healthy");
}

async function signIn(port: number, username: string, password = PASSWORD) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }),
  });
  const me = await res.json();
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method, headers: { cookie, "x-csrf-token": me.csrfToken, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  return { status: res.status, me, call };
}

afterAll(() => {
  for (const p of procs) p.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(usePostgres)("embedded database", () => {
  it("refuses a second process on the same DATA_DIR, and keeps an answered write through kill -9", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "yj-embedded-"));
    dirs.push(dataDir);
    const port = await freePort();
    const first = start(dataDir, port);
    await waitHealthy(port);

    const second = start(dataDir, await freePort());
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain("in use by another Yingji process");

    const admin = await signIn(port, "admin");
    expect(admin.status).toBe(200);
    const units = await (await admin.call("GET", "/api/org/units?q=马杭村")).json();
    const created = await admin.call("POST", "/api/org/people", { unitId: units[0].id, name: "断电测试", mobile: "13600000000" });
    expect(created.status).toBe(201);
    const person = await created.json();

    first.child.kill("SIGKILL");
    await first.exited;

    const again = start(dataDir, port);
    await waitHealthy(port);
    const admin2 = await signIn(port, "admin");
    const read = await admin2.call("GET", `/api/org/people/${person.id}`);
    expect(read.status).toBe(200);
    expect((await read.json()).name).toBe("断电测试");
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);

    const verify = spawnSync(node, ["server/src/cli/audit-verify.ts"], { cwd: root, env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir }, encoding: "utf8" });
    expect(verify.stdout).toContain("audit chain intact");
    expect(verify.status).toBe(0);
  }, 180_000);

  it("starts a production install without demo accounts; the first administrator comes from the CLI and must enrol TOTP", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "yj-prod-"));
    dirs.push(dataDir);
    const env = { DATABASE_URL: "", DATA_DIR: dataDir, DEMO: "false", ADMIN_PASSWORD: "Zx#Admin2030w" };
    const made = spawnSync(node, ["server/src/cli/admin.ts", "create", "chief", "--district", "测试区", "--code", "320999"], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
    expect(made.stderr).toBe("");
    expect(made.status).toBe(0);
    // 三员管理: the first security administrator and auditor come from the CLI too (the system administrator cannot make them).
    for (const [name, role] of [["sec1", "secadmin"], ["aud1", "auditor"]]) {
      const other = spawnSync(node, ["server/src/cli/admin.ts", "create", name, "--role", role], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
      expect(other.status, other.stderr).toBe(0);
    }
    const refused = spawnSync(node, ["server/src/cli/admin.ts", "create", "x1", "--role", "duty"], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
    expect(refused.status).toBe(2);
    const port = await freePort();
    const server = start(dataDir, port, { DEMO: "false", DEMO_PASSWORD: "" });
    await waitHealthy(port);
    expect((await signIn(port, "admin")).status).toBe(401);
    const chief = await signIn(port, "chief", "Zx#Admin2030w");
    expect(chief.status).toBe(200);
    expect(chief.me.mustEnrollTotp).toBe(true);
    expect((await chief.call("GET", "/api/org/units")).status).toBe(403);
    for (const [name, role] of [["sec1", "secadmin"], ["aud1", "auditor"]]) expect((await signIn(port, name, "Zx#Admin2030w")).me.role).toBe(role);
    server.child.kill("SIGTERM");
    await server.exited;
  }, 180_000);
});
