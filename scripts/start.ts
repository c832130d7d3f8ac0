/**
 * `npm start`: builds the web app when it is missing or older than its sources, then starts
 * the server (embedded PGlite in ./data unless DATABASE_URL is set).
 */
import { spawnSync } from "node:child_process";
import { enableCompileCache } from "node:module";
import { join, resolve } from "node:path";
import { webBuildIsStale } from "./lib/web-build.ts";

const root = resolve(import.meta.dirname, "..");

if (process.env.SERVE_WEB !== "false" && webBuildIsStale(root)) {
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
