/**
 * The CAP import route on whole classes of documents (cap/fixtures/variants.ts): every valid
 * variant is imported and its warning reads back (never a 5xx, the original bytes kept); every
 * hostile one is refused with its code and path and writes nothing; EDXL-DE envelopes import each
 * alert; signatures are shown on the warning, verified against CAP_TRUSTED_CERTS.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { SignedXml } from "xml-crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, countRows, loginAs, type Client, type TestApp } from "../../../test/helpers.ts";
import { parseCap } from "./cap/cap.ts";
import { HOSTILE, rain, VALID } from "./cap/fixtures/variants.ts";

const CAP = { "content-type": "application/cap+xml" };
const signing = (name: string) => readFileSync(fileURLToPath(new URL(`./cap/fixtures/signing/${name}`, import.meta.url)));

let t: TestApp;
let duty: Client;

beforeAll(async () => {
  t = await buildTestApp({ WARNING_WORKERS: "false", WARNING_FEEDS_POLL: "false", CAP_TRUSTED_CERTS: fileURLToPath(new URL("./cap/fixtures/signing/sender.crt", import.meta.url)) });
  duty = await loginAs(t.app, "duty");
});
afterAll(async () => {
  await t?.close();
});

const rows = async () => [await countRows(t.db, "warning_received_alerts"), await countRows(t.db, "warnings"), await countRows(t.db, "warning_versions")];

function sign(xml: string): string {
  const sig = new SignedXml({
    privateKey: signing("sender.key"), publicCert: signing("sender.crt"),
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  sig.addReference({ xpath: "/*", uri: "", isEmptyUri: true, digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256", transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"] });
  sig.computeSignature(xml, { location: { reference: "/*", action: "append" } });
  return sig.getSignedXml();
}

const withId = (xml: string, id: string) => xml.replace("32040041600000_20260720073000_1", id);
const bare = (xml: string) => xml.replace(/^<\?xml[^>]*\?>\s*/, "");
const envelope = (...alerts: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<EDXLDistribution xmlns="urn:oasis:names:tc:emergency:EDXL:DE:1.0">
  <distributionID>wujin-edxl-1</distributionID><senderID>js-platform@example.gov.cn</senderID><dateTimeSent>2026-07-20T07:30:00+08:00</dateTimeSent>
  <distributionStatus>Actual</distributionStatus><distributionType>Report</distributionType><combinedConfidentiality>UNCLASSIFIED</combinedConfidentiality>
  <contentObject><contentDescription>说明</contentDescription><nonXMLContent><mimeType>text/plain</mimeType><uri>https://example.org/x.txt</uri></nonXMLContent></contentObject>
  ${alerts.map((a) => `<contentObject><xmlContent><embeddedXMLContent>${bare(a)}</embeddedXMLContent></xmlContent></contentObject>`).join("\n  ")}
</EDXLDistribution>`;

/**
 * The variant with identifiers of its own, so that each is imported as new: the fixtures'
 * identifiers replaced by ones of the same length, in whichever of ASCII, UTF-16LE or UTF-16BE bytes they are.
 */
function reidentify(doc: string | Buffer, i: number): Buffer {
  const bytes = typeof doc === "string" ? Buffer.from(doc) : Buffer.from(doc);
  for (const id of ["32040041600000_20260720073000_1", "32041200000000_20260801090000_7"]) {
    const own = `v${String(i).padStart(2, "0")}${id.slice(3)}`;
    for (const enc of ["latin1", "utf16le"] as const) {
      for (const swapBytes of enc === "utf16le" ? [false, true] : [false]) {
        const [from, to] = [Buffer.from(id, enc), Buffer.from(own, enc)].map((b) => (swapBytes ? Buffer.from(b).swap16() : b));
        for (let at = bytes.indexOf(from!); at !== -1; at = bytes.indexOf(from!, at + 1)) to!.copy(bytes, at);
      }
    }
  }
  return bytes;
}

describe("CAP import of every valid variant", () => {
  it.each(VALID.map(([name, doc], i) => [name, reidentify(doc, i)] as const))("imports %s; its warning and its CAP read back", async (_name, doc) => {
    const res = await duty.request("POST", "/api/warnings/import", doc, CAP);
    expect(res.statusCode, res.body).toBe(201);
    const { warningId, alerts } = res.json();
    expect(alerts).toEqual([expect.objectContaining({ path: "", warningId, created: true, error: null })]);
    const w = await duty.get(`/api/warnings/${warningId}`);
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ origin: "received", capSignature: expect.stringMatching(/^(unsigned|signed|invalid)$/) });
    const cap = await duty.get(`/api/warnings/${warningId}/cap`);
    expect(cap.statusCode).toBe(200);
    expect(cap.rawPayload.equals(doc)).toBe(true);
    expect((await duty.get("/api/warnings?origin=received")).statusCode).toBe(200);
  });
});

describe("CAP import of hostile documents", () => {
  it.each(HOSTILE)("refuses %s and writes nothing", async (_name, doc, code, path) => {
    const before = await rows();
    const res = await duty.request("POST", "/api/warnings/import", doc, CAP);
    expect(res.statusCode, res.body).toBe(code === "cap_too_large" ? 413 : 400);
    // Two are stopped by the route before the parser: the body limit, and an empty body.
    if (code !== "cap_too_large" && doc.length > 0) {
      expect(res.json().error.code).toBe(code);
      if (path !== undefined) expect(res.json().error.details.path).toBe(path);
    }
    expect(await rows()).toEqual(before);
  });

  it("refuses the circle of 99999999999 km that once answered 500 on every read, naming it", async () => {
    const doc = withId(rain, "radius-1").replace("<geocode>", "<circle>31.7,119.9 99999999999</circle><geocode>");
    const res = await duty.request("POST", "/api/warnings/import", doc, CAP);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "cap_invalid", details: { path: "info[0].area[0].circle[0]" } });
  });
});

describe("EDXL-DE envelopes", () => {
  it("imports each CAP alert the envelope carries and lists each result, a refused one with its path", async () => {
    const before = await countRows(t.db, "warning_received_alerts");
    const doc = envelope(withId(rain, "edxl-a"), withId(rain, "edxl-b").replace("<severity>Severe", "<severity>Bad"), withId(rain, "edxl-c").replace("暴雨橙色", "暴雨黄色"));
    const res = await duty.request("POST", "/api/warnings/import", doc, CAP);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.alerts).toMatchObject([
      { path: "contentObject[1].alert[0]", identifier: "edxl-a", created: true, error: null },
      { path: "contentObject[2].alert[0]", warningId: null, created: false, error: { code: "cap_invalid", path: "contentObject[2].alert[0].info[0].severity" } },
      { path: "contentObject[3].alert[0]", identifier: "edxl-c", created: true, error: null },
    ]);
    expect(body.warningId).toBe(body.alerts[0].warningId);
    expect(await countRows(t.db, "warning_received_alerts")).toBe(before + 2);
    // Each alert is kept as a document of its own, which reads as the alert it was.
    const c = await duty.get(`/api/warnings/${body.alerts[2].warningId}/cap`);
    expect(parseCap(c.rawPayload)).toMatchObject({ identifier: "edxl-c", infos: [{ headline: expect.stringContaining("暴雨黄色") }] });
    // The same envelope again: nothing new, each alert answered with its warning.
    const again = (await duty.request("POST", "/api/warnings/import", doc, CAP)).json();
    expect(again.alerts.map((a: { created: boolean }) => a.created)).toEqual([false, false, false]);
    expect(again.alerts[0].warningId).toBe(body.alerts[0].warningId);
  });

  it("refuses an envelope none of whose alerts can be imported, naming the first fault; writes nothing", async () => {
    const before = await rows();
    const res = await duty.request("POST", "/api/warnings/import", envelope(withId(rain, "edxl-x").replace("<status>Actual", "<status>Real")), CAP);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.path).toBe("contentObject[1].alert[0].status");
    expect(await rows()).toEqual(before);
  });
});

describe("signatures on received warnings", () => {
  it("shows verified, invalid and unsigned on the warning, keeps the signed bytes, and null for our own", async () => {
    const signed = sign(withId(rain, "signed-1"));
    const ok = await duty.request("POST", "/api/warnings/import", signed, CAP);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().alerts[0].signature).toBe("verified");
    expect((await duty.get(`/api/warnings/${ok.json().warningId}`)).json()).toMatchObject({ capSignature: "verified", capSignatureNote: null });
    expect((await duty.get(`/api/warnings/${ok.json().warningId}/cap`)).body).toBe(signed);

    const tampered = sign(withId(rain, "signed-2")).replace("橙色预警信号", "红色预警信号");
    const bad = await duty.request("POST", "/api/warnings/import", tampered, CAP);
    expect(bad.statusCode).toBe(201);
    expect((await duty.get(`/api/warnings/${bad.json().warningId}`)).json()).toMatchObject({ capSignature: "invalid", capSignatureNote: expect.any(String) });

    const plain = await duty.request("POST", "/api/warnings/import", withId(rain, "plain-1"), CAP);
    expect((await duty.get(`/api/warnings/${plain.json().warningId}`)).json().capSignature).toBe("unsigned");
    const { rows: own } = await t.db.execute<{ id: string }>(sql`select id from warnings where origin = 'issued' limit 1`);
    if (own[0]) expect((await duty.get(`/api/warnings/${own[0].id}`)).json().capSignature).toBeNull();
  });
});
