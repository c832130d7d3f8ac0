/** Starts the real server (or the bare baseline) as a child process, as production runs it. */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "../..");
export const node = join(root, "node_modules/.bin/node");

export function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

export interface Child {
  port: number;
  /** ms from spawn to the first answered health check */
  readyMs: number;
  stop(): Promise<void>;
}

export async function startChild(script: string, env: Record<string, string>, healthPath = "/api/health"): Promise<Child> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(node, [script], { cwd: root, env: { ...process.env, PORT: String(port), LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<void>((r) => child.on("exit", () => r()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited: ${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}${healthPath}`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - t0;
  return {
    port,
    readyMs,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
