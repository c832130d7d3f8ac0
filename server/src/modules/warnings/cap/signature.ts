/**
 * Enveloped XML signatures on CAP alerts (CAP 1.2 §3.3.2.1). The alert is accepted whether or not
 * it is signed; what is recorded is whether it is signed and, when trusted certificates are
 * configured (CAP_TRUSTED_CERTS), whether the signature verifies against one of them.
 * xml-crypto checks the cryptography; this file checks that the signature covers the whole alert.
 */
import { createPublicKey, X509Certificate, type KeyObject } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { XMLSerializer, type Element as DomElement } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { XMLDSIG_NAMESPACE, type CapSignatureState } from "@yingji/contracts";

export interface TrustedKey { key: KeyObject; name: string; notAfter: Date | null }
export interface SignatureResult { state: CapSignatureState; note: string | null }

const PEM = /-----BEGIN (CERTIFICATE|PUBLIC KEY)-----[\s\S]+?-----END \1-----/g;

/**
 * The keys of CAP_TRUSTED_CERTS: PEM files (or folders of *.pem, *.crt) separated by commas, each
 * holding certificates or public keys. Throws naming the file when one cannot be read.
 */
export function loadTrustedKeys(spec: string | undefined): TrustedKey[] {
  if (!spec?.trim()) return [];
  const files: string[] = [];
  for (const entry of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const isDir = statSync(entry, { throwIfNoEntry: false })?.isDirectory();
    if (isDir) files.push(...readdirSync(entry).filter((f) => /\.(pem|crt|cer)$/i.test(f)).sort().map((f) => join(entry, f)));
    else files.push(entry);
  }
  const keys: TrustedKey[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      throw new Error(`CAP_TRUSTED_CERTS: cannot read ${file}: ${(err as Error).message}`);
    }
    const blocks = [...text.matchAll(PEM)];
    if (blocks.length === 0) throw new Error(`CAP_TRUSTED_CERTS: ${file} holds no PEM certificate or public key`);
    for (const [pem, kind] of blocks) {
      try {
        if (kind === "CERTIFICATE") {
          const cert = new X509Certificate(pem);
          keys.push({ key: cert.publicKey, name: cert.subject.replace(/\n/g, ", "), notAfter: new Date(cert.validTo) });
        } else {
          keys.push({ key: createPublicKey(pem), name: `${file} (public key)`, notAfter: null });
        }
      } catch (err) {
        throw new Error(`CAP_TRUSTED_CERTS: ${file}: ${(err as Error).message}`);
      }
    }
  }
  return keys;
}

function signaturesOf(alert: DomElement): DomElement[] {
  const out: DomElement[] = [];
  for (let n = alert.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as DomElement).namespaceURI === XMLDSIG_NAMESPACE && (n as DomElement).localName === "Signature") out.push(n as DomElement);
  }
  return out;
}

/** Every Reference must name the whole document (URI=""): a signature over a part would let the rest be changed. */
function coversWholeAlert(signature: DomElement): boolean {
  const refs = signature.getElementsByTagNameNS(XMLDSIG_NAMESPACE, "Reference");
  if (refs.length === 0) return false;
  for (let i = 0; i < refs.length; i++) if (refs.item(i)!.getAttribute("URI") !== "") return false;
  return true;
}

function verifiesWith(xml: string, signatureXml: string, key: KeyObject): boolean {
  try {
    // The key comes from the trust list only, never from the document's KeyInfo.
    const sig = new SignedXml({ publicCert: key, getCertFromKeyInfo: () => null });
    sig.loadSignature(signatureXml);
    return sig.checkSignature(xml) === true;
  } catch {
    return false;
  }
}

/**
 * Whether `alert` (an element of the document `xml`, which must be the alert as it was signed:
 * the whole document, or the alert taken out of its envelope) is signed and verifies.
 */
export function checkSignature(alert: DomElement, xml: string, trusted: readonly TrustedKey[], now = new Date()): SignatureResult {
  const signatures = signaturesOf(alert);
  if (signatures.length === 0) return { state: "unsigned", note: null };
  if (trusted.length === 0) return { state: "signed", note: "没有配置受信任的证书（CAP_TRUSTED_CERTS），未验证签名" };
  const usable = trusted.filter((t) => !t.notAfter || t.notAfter > now);
  const serializer = new XMLSerializer();
  for (const signature of signatures) {
    if (!coversWholeAlert(signature)) return { state: "invalid", note: "签名未覆盖整条预警（Reference 的 URI 必须为空）" };
    const signatureXml = serializer.serializeToString(signature);
    if (!usable.some((t) => verifiesWith(xml, signatureXml, t.key))) {
      return { state: "invalid", note: "签名与受信任的证书不符，或预警内容签名后被改动" };
    }
  }
  return { state: "verified", note: null };
}
