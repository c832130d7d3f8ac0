/**
 * Delivery to browsers and phones: API answers compressed above a size, and the two web apps
 * (the console at /, the field app at /m/) served from the build with the .br/.gz siblings the
 * build wrote (web/build/precompress.ts), so no static file is compressed at request time.
 */
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { negotiate } from "@fastify/accept-negotiator";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";

const br = promisify(brotliCompress);
const gz = promisify(gzip);

/** API answers smaller than this go as they are: the compressed form would save less than a packet. */
export const COMPRESS_THRESHOLD = 1024;

/** What is compressed on the fly: JSON answers (lists, GeoJSON layers) and the public text pages and feeds. */
const COMPRESSIBLE = /^(application\/([\w.-]+\+)?(json|xml)|text\/(html|plain|csv|xml))\b/;

/** Adds accept-encoding to Vary, keeping what is there. */
function varyOnEncoding(reply: FastifyReply) {
  const vary = reply.getHeader("vary");
  if (!vary) reply.header("vary", "accept-encoding");
  else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(String(vary))) reply.header("vary", `${vary}, accept-encoding`);
}

/**
 * Compresses answers of a compressible type above COMPRESS_THRESHOLD in the encoding the
 * client prefers (br, then gzip). Left alone:
 *  - streams: the static files (sent pre-compressed by the static plugin) and anything piped;
 *  - the live events (/api/events writes to the socket itself, past every hook, unbuffered);
 *  - downloads (Content-Disposition): spreadsheets, documents and uploads go byte for byte;
 *  - answers already encoded, and 304s (no body).
 * The kept answers' ETags are weak, so they hold for every encoding and a 304 still comes.
 */
export async function registerCompression(app: FastifyInstance) {
  app.addHook("onSend", async (req, reply, payload) => {
    if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
    const size = Buffer.byteLength(payload);
    if (size < COMPRESS_THRESHOLD || reply.hasHeader("content-encoding") || reply.hasHeader("content-disposition")) return payload;
    if (!COMPRESSIBLE.test(String(reply.getHeader("content-type") ?? ""))) return payload;
    varyOnEncoding(reply);
    const encoding = negotiate(req.headers["accept-encoding"] ?? "", ["br", "gzip"]);
    if (!encoding) return payload;
    // A quick brotli level: answers are compressed at every request, most of the gain at a fraction of the time.
    const out = encoding === "br"
      ? await br(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: size } })
      : await gz(payload, { level: 6 });
    reply.header("content-encoding", encoding).removeHeader("content-length");
    return out;
  });
}

/** The path of the file a static answer came from, without the .br/.gz the server picked. */
const logicalPath = (path: string) => path.replace(/\.(br|gz)$/, "");

/**
 * Caching: hashed assets forever; the pages, the service worker and its precache list are
 * revalidated at every load (so a new build is seen at once); the rest (icons, manifest) as the
 * static plugin sets it.
 */
function cacheHeaders(reply: FastifyReply, path: string) {
  const file = logicalPath(path);
  if (file.includes("/assets/")) reply.header("Cache-Control", "public, max-age=31536000, immutable");
  else if (/\.(html|js)$/.test(file)) reply.header("Cache-Control", "no-cache");
}

/**
 * Serves the web build in `dist`: its files (pre-compressed when the client accepts it), the
 * field app's page for /m and /m/*, and the console's page for every other path outside
 * /api/ and /assets/.
 */
export async function registerWebApp(app: FastifyInstance, dist: string) {
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    index: false,
    preCompressed: true,
    // The siblings are served in place of their file, never by their own name.
    globIgnore: ["**/*.br", "**/*.gz"],
    setHeaders: (reply, path) => cacheHeaders(reply as unknown as FastifyReply, path),
  });
  app.get("/*", { config: { public: true }, schema: { hide: true } }, (req, reply) => {
    const path = req.url.split("?")[0];
    // An API path or a build file that is not there (a chunk of an older build) is a 404, not a page.
    if (path.startsWith("/api/") || path.startsWith("/assets/")) return reply.callNotFound();
    const page = path === "/m" || path.startsWith("/m/") ? "m/index.html" : "index.html";
    return reply.sendFile(page);
  });
}
