/**
 * Build step: the list of files the field app's service worker keeps for offline use, written
 * as /sw-precache.js (imported by public/sw.js). It holds every chunk, style sheet and asset
 * reachable from the field app's entry, the lazily loaded pages included, so the app opens
 * offline on any page after one visit, and none of the console's. Its version changes with
 * the build, which makes the browser install the new worker and drop the old cache.
 */
import { createHash } from "node:crypto";
import type { Plugin } from "vite";

interface ChunkLike {
  type: "chunk";
  fileName: string;
  facadeModuleId?: string | null;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}

/** Every output file reachable from the chunks `from` (static and dynamic imports, their CSS and assets). */
export function reachable(bundle: Record<string, { type: string }>, from: string[]): string[] {
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length) {
    const name = stack.pop()!;
    // A pure-CSS chunk is dropped from the bundle by Vite (its CSS stays): never list a file that is not written.
    if (seen.has(name) || !(name in bundle)) continue;
    seen.add(name);
    const item = bundle[name];
    if (item?.type !== "chunk") continue;
    const chunk = item as unknown as ChunkLike;
    stack.push(...chunk.imports, ...chunk.dynamicImports);
    for (const css of chunk.viteMetadata?.importedCss ?? []) seen.add(css);
    for (const asset of chunk.viteMetadata?.importedAssets ?? []) seen.add(asset);
  }
  return [...seen].sort();
}

/** `entry`: the field app's entry module, as its path ends (e.g. "/src/mobile/main.tsx"). */
export function swPrecache(entry: string): Plugin {
  return {
    name: "yingji-sw-precache",
    apply: "build",
    // After Vite's own generateBundle, which removes the JS of pure-CSS chunks.
    generateBundle: { order: "post", handler(_options, bundle) {
      const entries = Object.values(bundle)
        .filter((b) => b.type === "chunk" && b.isEntry && b.facadeModuleId?.endsWith(entry))
        .map((b) => b.fileName);
      if (entries.length !== 1) this.error(`sw-precache: no single entry chunk for ${entry} (found ${entries.length})`);
      const assets = reachable(bundle, entries).map((f) => `/${f}`);
      const version = createHash("sha256").update(assets.join("\n")).digest("base64url").slice(0, 12);
      this.emitFile({
        type: "asset",
        fileName: "sw-precache.js",
        source: `// Written by the build (web/build/sw-precache.ts): the field app's files for offline use.\nself.YJ_PRECACHE = ${JSON.stringify({ version, assets })};\n`,
      });
    } },
  };
}
