/**
 * Whether web/dist is missing or older than what it is built from: one list for `npm start`,
 * the e2e tier and the benches, so a new entry page or build input is seen by all three.
 * Runs directly under Node 24 (type stripping): erasable TypeScript only.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The build's inputs, relative to the repository root (the entry pages sit in web/ and web/m/). */
export const WEB_SOURCES = ["web/src", "web/public", "web/index.html", "web/m", "web/vite.config.ts", "web/build", "contracts/src"];

function newestMtime(path: string): number {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry === "dist") continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** The build's stamp is its last written file: the console's index.html. */
export function webBuildIsStale(root: string): boolean {
  const built = join(root, "web/dist/index.html");
  if (!existsSync(built) || !existsSync(join(root, "web/dist/m/index.html"))) return true;
  return Math.max(...WEB_SOURCES.map((p) => newestMtime(join(root, p)))) > statSync(built).mtimeMs;
}
