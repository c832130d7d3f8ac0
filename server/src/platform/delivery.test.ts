/**
 * Delivery: the web build's files pre-compressed (br, gzip, identity) with the right headers,
 * the field app's page for /m/*, API answers compressed above the threshold only, and the
 * three paths compression must leave working: the live events stream, downloads, and the
 * kept answers' ETag/304.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressDir } from "../../../web/build/precompress.ts";
import { buildTestApp, loginAs, unitId, type Client, type TestApp } from "../../test/helpers.ts";
import { COMPRESS_THRESHOLD, registerCompression, registerWebApp } from "./delivery.ts";
import { emitEvent } from "./events.ts";

const decode = (body: Buffer, encoding: string | undefined) =>
  encoding === "br" ? brotliDecompressSync(body) : encoding === "gzip" ? gunzipSync(body) : body;

/** A build's shape: both pages, hashed assets, the worker and its list, a manifest and an icon. */
function fakeBuild(dir: string) {
  const js = (name: string) => `export const ${name} = ${JSON.stringify("应急".repeat(400))};\n`.repeat(8);
  const files: Record<string, string | Buffer> = {
    "index.html": `<!doctype html><html><head><title>console</title></head><body>${"<div>控制台</div>".repeat(60)}</body></html>`,
    "m/index.html": `<!doctype html><html><head><title>field</title></head><body>${"<div>现场端</div>".repeat(60)}</body></html>`,
    "assets/console-Ab12Cd34.js": js("console"),
    "assets/field-Ef56Gh78.js": js("field"),
    "assets/field-Ij90Kl12.css": `.m-row{color:#0b3d91}\n`.repeat(100),
    "sw.js": `importScripts("/sw-precache.js");\n${"// worker\n".repeat(100)}`,
    "sw-precache.js": `self.YJ_PRECACHE = {"version":"x","assets":[]};\n`,
    "manifest.webmanifest": JSON.stringify({ name: "应急", scope: "/m/", icons: Array(30).fill({ src: "/icons/icon-192.png" }) }),
    "icons/icon-192.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, ...Array(700).fill(7)]),
  };
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
}

const EXPECTED_TYPE: Record<string, RegExp> = {
  html: /^text\/html/, js: /^(text|application)\/javascript/, css: /^text\/css/, webmanifest: /^application\/manifest\+json/, png: /^image\/png/,
};

describe("the web build, pre-compressed", () => {
  let dist: string;
  let app: FastifyInstance;
  let files: string[];

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), "yj-dist-"));
    fakeBuild(dist);
    await precompressDir(dist);
    app = Fastify();
    await registerCompression(app);
    await registerWebApp(app, dist);
    await app.ready();
    const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
    files = walk(dist).map((f) => relative(dist, f)).filter((f) => !/\.(br|gz)$/.test(f));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it("writes .br and .gz beside every text file of the build, and none beside a binary one", () => {
    for (const f of files.filter((f) => !f.endsWith(".png") && f !== "sw-precache.js")) {
      for (const ext of [".br", ".gz"]) expect(statSync(join(dist, f + ext)).size, f + ext).toBeLessThan(statSync(join(dist, f)).size);
    }
    expect(readdirSync(join(dist, "icons"))).toEqual(["icon-192.png"]);
    // Too small to gain anything: sent as it is.
    expect(readdirSync(dist)).not.toContain("sw-precache.js.br");
  });

  const CASES = [
    { accept: "br, gzip, deflate", encoding: "br" },
    { accept: "gzip, deflate", encoding: "gzip" },
    { accept: "gzip;q=0.5, br;q=1", encoding: "br" },
    { accept: "br;q=0, gzip", encoding: "gzip" },
    { accept: "identity", encoding: undefined },
    { accept: undefined, encoding: undefined },
  ];

  it("sends every file of the build in the encoding the client accepts, with its type, Vary, ETag and the same bytes", async () => {
    for (const f of files) {
      const original = readFileSync(join(dist, f));
      const ext = f.split(".").pop()!;
      const etags = new Set<string>();
      for (const c of CASES) {
        const res = await app.inject({ url: `/${f}`, headers: c.accept ? { "accept-encoding": c.accept } : {} });
        const label = `${f} with Accept-Encoding: ${c.accept}`;
        expect(res.statusCode, label).toBe(200);
        const compressible = (await Promise.resolve(statSync(join(dist, f)))).size >= 512 && ext !== "png";
        const encoding = compressible ? c.encoding : undefined;
        expect(res.headers["content-encoding"], label).toBe(encoding);
        expect(res.headers["content-type"], label).toMatch(EXPECTED_TYPE[ext]);
        expect(String(res.headers.vary), label).toMatch(/accept-encoding/i);
        expect(decode(res.rawPayload, encoding).equals(original), label).toBe(true);
        expect(res.headers.etag, label).toBeTruthy();
        etags.add(`${encoding}:${res.headers.etag}`);
        // A client that holds this representation is answered 304.
        const again = await app.inject({ url: `/${f}`, headers: { ...(c.accept ? { "accept-encoding": c.accept } : {}), "if-none-match": String(res.headers.etag) } });
        expect(again.statusCode, label).toBe(304);
      }
      // One ETag per representation: a cache never takes the gzip bytes for the brotli ones.
      const byEncoding = new Map([...etags].map((e) => [e.split(":")[0], e.slice(e.indexOf(":") + 1)]));
      expect(new Set(byEncoding.values()).size, f).toBe(byEncoding.size);
    }
  });

  it("keeps hashed assets forever and revalidates the pages, the worker and its list at every load", async () => {
    const cache = async (url: string) => (await app.inject({ url, headers: { "accept-encoding": "br" } })).headers["cache-control"];
    expect(await cache("/assets/field-Ef56Gh78.js")).toBe("public, max-age=31536000, immutable");
    expect(await cache("/assets/field-Ij90Kl12.css")).toBe("public, max-age=31536000, immutable");
    for (const url of ["/sw.js", "/sw-precache.js", "/", "/m/", "/m/contacts", "/index.html", "/m/index.html", "/duty/board"]) {
      expect(await cache(url), url).toBe("no-cache");
    }
  });

  it("answers the field app's page for /m and /m/*, and the console's for every other path", async () => {
    const page = async (url: string) => {
      const res = await app.inject({ url, headers: { "accept-encoding": "br" } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"], url).toMatch(/^text\/html/);
      expect(res.headers["content-encoding"], url).toBe("br");
      return decode(res.rawPayload, "br").toString();
    };
    for (const url of ["/m", "/m/", "/m/contacts", "/m/warnings/123?from=push", "/m/report/new"]) expect(await page(url), url).toContain("<title>field</title>");
    for (const url of ["/", "/login", "/org/people", "/mobile", "/map?x=1"]) expect(await page(url), url).toContain("<title>console</title>");
  });

  it("never serves a compressed sibling by its own name, and answers 404 for a missing build file or API path", async () => {
    for (const url of ["/assets/field-Ef56Gh78.js.br", "/assets/field-Ef56Gh78.js.gz", "/assets/field-OLDBUILD.js", "/api/nothing-here"]) {
      const res = await app.inject({ url, headers: { "accept-encoding": "br" } });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"], url).not.toMatch(/html/);
    }
    // Any other path is a page of the app (its router answers it): never the compressed bytes.
    const sibling = await app.inject({ url: "/index.html.br" });
    expect(sibling.headers["content-type"]).toMatch(/^text\/html/);
    expect(sibling.body).toContain("<title>console</title>");
  });
});

describe("API answers, compressed above the threshold", () => {
  let t: TestApp;
  let duty: Client;
  let base: string;

  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    duty = await loginAs(t.app, "duty");
  });
  afterAll(() => t?.close());

  it("compresses an answer over the threshold in the accepted encoding, and leaves a small one and a client without Accept-Encoding alone", async () => {
    const big = await duty.request("GET", "/api/org/people?pageSize=50", undefined, { "accept-encoding": "br, gzip" });
    expect(big.statusCode).toBe(200);
    expect(big.headers["content-encoding"]).toBe("br");
    expect(String(big.headers.vary)).toMatch(/accept-encoding/i);
    const plain = await duty.get("/api/org/people?pageSize=50");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(COMPRESS_THRESHOLD);
    expect(big.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(decode(big.rawPayload, "br").toString())).toEqual(plain.json());
    const gz = await duty.request("GET", "/api/org/people?pageSize=50", undefined, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(decode(gz.rawPayload, "gzip").toString())).toEqual(plain.json());

    const small = await t.app.inject({ url: "/api/health", headers: { "accept-encoding": "br, gzip" } });
    expect(small.statusCode).toBe(200);
    expect(small.rawPayload.length).toBeLessThan(COMPRESS_THRESHOLD);
    expect(small.headers["content-encoding"]).toBeUndefined();
    // An error answer is JSON too: small, so as it is, and still readable.
    const missing = await duty.request("GET", "/api/org/people/00000000-0000-4000-8000-000000000000", undefined, { "accept-encoding": "br" });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-encoding"]).toBeUndefined();
    expect(missing.json().error.code).toBe("not_found");
  });

  it("keeps the kept answers' ETag and 304 whatever the encoding", async () => {
    const villageId = await unitId(t.db, "马杭村");
    const typeId = (await t.db.execute<{ id: string }>(sql`select id from incident_types where parent_id is not null order by code limit 1`)).rows[0].id;
    const village = await loginAs(t.app, "village");
    for (let i = 0; i < 4; i++) {
      const at = new Date(Date.now() - 1000 - i).toISOString();
      const res = await village.post("/api/incidents", {
        title: `压缩测试${i}`, typeId, unitId: villageId, lat: 31.72, lon: 119.97, address: "村口", occurredAt: at, learnedAt: at, level: "IV",
        figures: { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 }, body: "测试".repeat(40), reporterName: "联络员",
      });
      expect(res.statusCode).toBe(201);
    }
    const url = "/api/incidents?pageSize=20";
    const br = await duty.request("GET", url, undefined, { "accept-encoding": "br" });
    const plain = await duty.get(url);
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(decode(br.rawPayload, "br").toString())).toEqual(plain.json());
    // The kept answer's ETag is weak (same content, any encoding), so both clients revalidate to 304.
    expect(br.headers.etag).toMatch(/^W\//);
    expect(br.headers.etag).toBe(plain.headers.etag);
    for (const accept of ["br", "gzip", undefined]) {
      const again = await duty.request("GET", url, undefined, { "if-none-match": String(br.headers.etag), ...(accept ? { "accept-encoding": accept } : {}) });
      expect(again.statusCode, String(accept)).toBe(304);
      expect(again.rawPayload.length, String(accept)).toBe(0);
    }
  });

  it("streams live events unbuffered and uncompressed to a client that accepts br and gzip", async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${base}/api/events`, { headers: { cookie: duty.cookie, "accept-encoding": "br, gzip" }, signal: ctrl.signal });
    try {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expect(res.headers.get("content-encoding")).toBeNull();
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = "";
      const readUntil = async (needle: string) => {
        const until = Date.now() + 5000;
        while (!text.includes(needle)) {
          if (Date.now() > until) throw new Error(`not streamed within 5 s: ${needle} (got ${JSON.stringify(text)})`);
          const { value, done } = await reader.read();
          if (done) throw new Error("stream ended");
          text += decoder.decode(value, { stream: true });
        }
      };
      await readUntil("retry: 3000");
      // An event of a few bytes arrives at once: nothing holds it back to fill a compression block.
      const unitPath = (await t.db.execute<{ path: string }>(sql`select path::text as path from org_units where id = ${await unitId(t.db, "湖塘镇")}`)).rows[0].path;
      await t.db.transaction((tx) => emitEvent(tx, { type: "flag.raised", unitPath, data: { n: 1 } }));
      await readUntil("event: flag.raised");
    } finally {
      ctrl.abort();
    }
  });

  it("sends a download as it is, whatever the client accepts", async () => {
    const res = await duty.request("GET", "/api/org/people/export.xlsx", undefined, { "accept-encoding": "br, gzip" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/spreadsheetml/);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(String(res.headers["content-disposition"])).toMatch(/^attachment; filename\*=UTF-8''/);
    // An .xlsx is a zip: it starts with PK.
    expect(res.rawPayload.subarray(0, 2).toString()).toBe("PK");
    // An uploaded text file is of a compressible type, and still goes byte for byte.
    const admin = await loginAs(t.app, "admin");
    const text = Buffer.from("值班记录 duty log line\n".repeat(200));
    const upload = await admin.request("POST", `/api/org/units/${await unitId(t.db, "湖塘镇")}/checklist/body/evidence`, text, { "content-type": "text/plain", "x-file-name": "log.txt" });
    expect(upload.statusCode).toBe(200);
    const file = await admin.request("GET", `/api/files/${upload.json().evidence.at(-1).id}`, undefined, { "accept-encoding": "br, gzip" });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toMatch(/^text\/plain/);
    expect(file.headers["content-encoding"]).toBeUndefined();
    expect(file.rawPayload.equals(text)).toBe(true);
  });

  it("holds on every GET route: a compressed answer decodes to a whole one with Vary, a download or a stream never is, and a large JSON answer always is", async () => {
    const admin = await loginAs(t.app, "admin");
    const routes = t.app.routeList.filter((r) => r.method === "GET" && r.url.startsWith("/api/") && !r.url.includes(":") && !r.url.includes("*"));
    expect(routes.length).toBeGreaterThan(30);
    let compressed = 0;
    // The live events never end: tested on a real socket above.
    for (const { url } of routes.filter((r) => r.url !== "/api/events")) {
      const res = await admin.request("GET", url, undefined, { "accept-encoding": "br, gzip" });
      const encoding = res.headers["content-encoding"] as string | undefined;
      const type = String(res.headers["content-type"] ?? "");
      const body = decode(res.rawPayload, encoding);
      if (res.headers["content-disposition"] || type.startsWith("text/event-stream")) expect(encoding, url).toBeUndefined();
      if (encoding) {
        compressed++;
        expect(encoding, url).toBe("br");
        expect(String(res.headers.vary), url).toMatch(/accept-encoding/i);
        expect(body.length, url).toBeGreaterThanOrEqual(COMPRESS_THRESHOLD);
      } else if (/json/.test(type) && !res.headers["content-disposition"]) {
        expect(body.length, `${url} answered ${body.length} bytes of JSON uncompressed`).toBeLessThan(COMPRESS_THRESHOLD);
      }
      if (/json/.test(type)) expect(() => JSON.parse(body.toString()), url).not.toThrow();
    }
    expect(compressed).toBeGreaterThan(5);
  });
});
