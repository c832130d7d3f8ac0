/**
 * Build step: every text file of the build gets .br and .gz siblings, written once here at the
 * highest levels rather than by the server at every request. The server (and nginx's
 * brotli_static / gzip_static, when one stands in front) sends a sibling to clients that accept it.
 * A sibling no smaller than its file is not written: the file is then sent as it is.
 */
import { readdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Plugin } from "vite";

const br = promisify(brotliCompress);
const gz = promisify(gzip);

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|xml|map)$/;
/** Below this a compressed answer saves less than its headers cost. */
const MIN_BYTES = 512;

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** Writes (or removes, when it would not be smaller) the .br and .gz of one file. */
async function compressFile(path: string): Promise<void> {
  const data = await readFile(path);
  const [b, g] = await Promise.all([
    br(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
    gz(data, { level: 9 }),
  ]);
  await Promise.all(
    ([[".br", b], [".gz", g]] as const).map(([ext, out]) =>
      out.length < data.length ? writeFile(path + ext, out) : unlink(path + ext).catch(() => {}),
    ),
  );
}

/** Compresses every compressible file under `dir` (the whole output, public files included). */
export async function precompressDir(dir: string): Promise<number> {
  const jobs: Promise<void>[] = [];
  for await (const path of walk(dir)) {
    if (!COMPRESSIBLE.test(path) || (await stat(path)).size < MIN_BYTES) continue;
    jobs.push(compressFile(path));
  }
  await Promise.all(jobs);
  return jobs.length;
}

/** Runs after everything is written (bundle and public/ copy), so no file is missed. */
export function precompress(): Plugin {
  let outDir = "";
  return {
    name: "yingji-precompress",
    apply: "build",
    enforce: "post",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const n = await precompressDir(outDir);
      this.info?.(`pre-compressed ${n} files (br, gzip)`);
    },
  };
}
