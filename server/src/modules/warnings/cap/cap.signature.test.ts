/**
 * Enveloped XML signatures on received CAP alerts: a test sender's key and certificate (and an
 * untrusted one) are fixtures under fixtures/signing, made for these tests only.
 */
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { SignedXml } from "xml-crypto";
import { describe, expect, it } from "vitest";
import { readCapDocument } from "./cap.ts";
import { loadTrustedKeys } from "./signature.ts";

const file = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const rain = file("changzhou-rainstorm-alert.xml").toString("utf8");
const SENDER_CERT = new URL("./fixtures/signing/sender.crt", import.meta.url).pathname;
const OTHER_CERT = new URL("./fixtures/signing/other.crt", import.meta.url).pathname;
const trusted = loadTrustedKeys(SENDER_CERT);

/** The document with an enveloped signature as the alert's last child (RSA-SHA256, exclusive C14N, URI=""). */
function sign(xml: string, signer: "sender" | "other" = "sender", uri = ""): string {
  const sig = new SignedXml({
    privateKey: file(`signing/${signer}.key`),
    publicCert: file(`signing/${signer}.crt`),
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  sig.addReference({
    xpath: "/*", uri, isEmptyUri: uri === "", digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
  });
  sig.computeSignature(xml, { location: { reference: "/*", action: "append" } });
  return sig.getSignedXml();
}

const stateOf = (doc: string | Buffer, keys = trusted) => readCapDocument(doc, keys).alerts.map((a) => a.signature);

describe("signatures of received alerts", () => {
  const signed = sign(rain);

  it("signs the fixture as CAP 1.2 §3.3.2.1 says: a Signature element as the alert's last child", () => {
    expect(signed).toMatch(/<Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">[\s\S]*<\/Signature><\/alert>\s*$/);
  });

  it("says unsigned, signed (not verified) without trusted certificates, and verified with the sender's", () => {
    expect(stateOf(rain)).toEqual(["unsigned"]);
    const notChecked = readCapDocument(signed, []).alerts[0]!;
    expect(notChecked).toMatchObject({ signature: "signed", signatureNote: expect.stringContaining("CAP_TRUSTED_CERTS") });
    expect(stateOf(signed)).toEqual(["verified"]);
    // The alert itself reads the same signed or not, and the bytes kept are those received.
    const entry = readCapDocument(Buffer.from(signed), trusted).alerts[0]!;
    expect(entry.bytes.toString("utf8")).toBe(signed);
    expect(entry.alert).toStrictEqual(readCapDocument(rain).alerts[0]!.alert);
  });

  it("says invalid when the content was changed after signing", () => {
    expect(stateOf(signed.replace("橙色预警信号", "红色预警信号"))).toEqual(["invalid"]);
    expect(stateOf(signed.replace("<severity>Severe</severity>", "<severity>Extreme</severity>"))).toEqual(["invalid"]);
  });

  it("says invalid when signed by a key that is not trusted, although the document carries its certificate", () => {
    const byOther = sign(rain, "other");
    expect(byOther).toContain("<X509Certificate>");
    expect(stateOf(byOther)).toEqual(["invalid"]);
    expect(stateOf(byOther, loadTrustedKeys(`${SENDER_CERT},${OTHER_CERT}`))).toEqual(["verified"]);
  });

  it("says invalid for a signature over part of the alert only (a Reference with an id)", () => {
    const partial = sign(rain.replace("<alert ", '<alert Id="a1" '), "sender", "#a1");
    expect(partial).toContain('URI="#a1"');
    expect(readCapDocument(partial, trusted).alerts[0]).toMatchObject({ signature: "invalid", signatureNote: expect.stringContaining("Reference") });
  });

  it("verifies a signed document sent in another encoding (the signature is over the characters)", () => {
    const gb = iconv.encode(signed.replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="GB18030"?>'), "gb18030");
    expect(stateOf(gb)).toEqual(["verified"]);
  });

  it("verifies each signed alert of an EDXL-DE envelope on its own", () => {
    const inner = signed.replace(/^<\?xml[^>]*\?>\s*/, "");
    const envelope = `<?xml version="1.0" encoding="UTF-8"?>
<EDXLDistribution xmlns="urn:oasis:names:tc:emergency:EDXL:DE:1.0">
  <distributionID>d-1</distributionID><senderID>a@b</senderID><dateTimeSent>2026-07-20T07:30:00+08:00</dateTimeSent>
  <distributionStatus>Actual</distributionStatus><distributionType>Report</distributionType><combinedConfidentiality>UNCLASSIFIED</combinedConfidentiality>
  <contentObject><xmlContent><embeddedXMLContent>${inner}</embeddedXMLContent></xmlContent></contentObject>
  <contentObject><xmlContent><embeddedXMLContent>${inner.replace("橙色预警信号", "红色预警信号")}</embeddedXMLContent></xmlContent></contentObject>
  <contentObject><xmlContent><embeddedXMLContent>${rain.replace(/^<\?xml[^>]*\?>\s*/, "").replace("_1</identifier>", "_2</identifier>")}</embeddedXMLContent></xmlContent></contentObject>
</EDXLDistribution>`;
    expect(stateOf(envelope)).toEqual(["verified", "invalid", "unsigned"]);
  });

  it("reads CAP_TRUSTED_CERTS: files and folders of certificates and public keys, and names a file it cannot read", () => {
    const dir = mkdtempSync(join(tmpdir(), "cap-certs-"));
    writeFileSync(join(dir, "a.pem"), readFileSync(SENDER_CERT));
    writeFileSync(join(dir, "notes.txt"), "not a certificate");
    const publicKey = join(dir, "other.pub");
    writeFileSync(publicKey, new X509Certificate(readFileSync(OTHER_CERT)).publicKey.export({ type: "spki", format: "pem" }));
    const keys = loadTrustedKeys(`${dir}, ${publicKey}`);
    expect(keys).toHaveLength(2);
    expect(keys[0]!.name).toContain("Test CAP sender");
    expect(stateOf(sign(rain, "other"), keys)).toEqual(["verified"]);
    expect(() => loadTrustedKeys(join(dir, "missing.pem"))).toThrow(/CAP_TRUSTED_CERTS: cannot read .*missing\.pem/);
    expect(() => loadTrustedKeys(join(dir, "notes.txt"))).toThrow(/holds no PEM/);
    expect(loadTrustedKeys(undefined)).toEqual([]);
  });
});
