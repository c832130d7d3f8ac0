/**
 * `npm start`: builds the web app when it is missing or older than its sources, then starts
 * the server (embedded PGlite in ./data unless DATABASE_URL is set).
 */
import { spawnSync } from "node:child_process";
import { enableCompileCache } from "node:module";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry === "dist") continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function webBuildIsStale(): boolean {
  const built = join(root, "web/dist/index.html");
  if (!existsSync(built)) return true;
  const sources = ["web/src", "web/public", "web/index.html", "web/vite.config.ts", "contracts/src"].map((p) => newestMtime(join(root, p)));
  return Math.max(...sources) > statSync(built).mtimeMs;
}

if (process.env.SERVE_WEB !== "false" && webBuildIsStale()) {
  console.log("Building the web console (first start, or sources changed)…");
  const r = spawnSync("npm", ["run", "build", "-w", "web"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    console.error("The web build failed; the API would start without the console. Fix the build, or set SERVE_WEB=false.");
    process.exit(r.status ?? 1);
  }
}

// Compiled code is cached on disk between starts (node_modules/.cache), which halves the time to first answer.
enableCompileCache(join(root, "node_modules/.cache/yingji-compile"));
await import("../server/src/main.ts");
