/**
 * A received document: one CAP 1.2 alert, or an EDXL-DE 1.0 envelope carrying CAP alerts in
 * contentObject/xmlContent/embeddedXMLContent. Each alert comes with the bytes to keep (the
 * document as received; an embedded alert taken out of its envelope as UTF-8) and its signature state.
 */
import { XMLSerializer, type Element as DomElement } from "@xmldom/xmldom";
import { CAP_LIMITS, CAP_NAMESPACE, CAP_OLD_NAMESPACES, EDXL_DE_NAMESPACE, type CapAlert, type CapSignatureState } from "@yingji/contracts";
import { CapError } from "./cap-error.ts";
import { elementChildren, readAlertElement } from "./cap.ts";
import { checkSignature, type TrustedKey } from "./signature.ts";
import { decodeDocument, parseXml } from "./xml-input.ts";

export interface CapDocumentAlert {
  /** "" for a document that is an alert; "contentObject[2].alert[0]" for one in an envelope (error paths start with it). */
  path: string;
  /** What to store: the received bytes, or the embedded alert as a document of its own. */
  bytes: Buffer;
  alert: CapAlert | null;
  /** Why this alert of an envelope was refused (a document that is an alert throws instead). */
  error: CapError | null;
  signature: CapSignatureState;
  signatureNote: string | null;
}
export interface CapDocument { envelope: "none" | "edxl-de"; alerts: CapDocumentAlert[] }

function versionError(namespace: string | null, path: string): CapError {
  const old = namespace ? CAP_OLD_NAMESPACES[namespace] : undefined;
  if (old) return new CapError("cap_version", path, `${old} is not accepted: the document must be CAP 1.2 (namespace ${CAP_NAMESPACE})`);
  return new CapError("cap_malformed", path, `<alert> must be in the namespace of CAP 1.2, ${CAP_NAMESPACE}${namespace ? `, not ${namespace}` : ""}`);
}

const isEdxl = (el: DomElement, name: string) => el.namespaceURI === EDXL_DE_NAMESPACE && el.localName === name;

/** The <alert> elements an envelope carries, with their paths; other embedded XML is not ours to read. */
function embeddedAlerts(root: DomElement): Array<{ el: DomElement; path: string }> {
  const out: Array<{ el: DomElement; path: string }> = [];
  elementChildren(root).filter((c) => isEdxl(c, "contentObject")).forEach((content, i) => {
    let j = 0;
    for (const xmlContent of elementChildren(content).filter((c) => isEdxl(c, "xmlContent"))) {
      for (const embedded of elementChildren(xmlContent).filter((c) => isEdxl(c, "embeddedXMLContent"))) {
        for (const el of elementChildren(embedded).filter((c) => c.localName === "alert")) out.push({ el, path: `contentObject[${i}].alert[${j++}]` });
      }
    }
  });
  return out;
}

/**
 * Reads a received document. Throws CapError for a fault of the whole document: cap_too_large,
 * cap_doctype, cap_malformed, cap_version (CAP 1.1/1.0), cap_invalid (a document that is one
 * alert, with the path of the fault). Alerts of an envelope are read one by one, each with its error.
 */
export function readCapDocument(input: Buffer | string, trusted: readonly TrustedKey[] = []): CapDocument {
  const text = decodeDocument(input);
  const root = parseXml(text).documentElement!;
  if (root.localName === "alert") {
    if (root.namespaceURI !== CAP_NAMESPACE) throw versionError(root.namespaceURI, "");
    const alert = readAlertElement(root, "");
    const signature = checkSignature(root, text, trusted);
    const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
    return { envelope: "none", alerts: [{ path: "", bytes, alert, error: null, signature: signature.state, signatureNote: signature.note }] };
  }
  if (root.localName === "EDXLDistribution") {
    if (root.namespaceURI !== EDXL_DE_NAMESPACE) throw new CapError("cap_malformed", "", `only EDXL-DE 1.0 envelopes (namespace ${EDXL_DE_NAMESPACE}) are read`);
    const found = embeddedAlerts(root);
    if (found.length === 0) throw new CapError("cap_invalid", "contentObject", "the EDXL-DE envelope carries no CAP alert in contentObject/xmlContent/embeddedXMLContent");
    if (found.length > CAP_LIMITS.edxlAlerts) throw new CapError("cap_invalid", "contentObject", `${found.length} CAP alerts in one envelope, at most ${CAP_LIMITS.edxlAlerts} are accepted`);
    const serializer = new XMLSerializer();
    return {
      envelope: "edxl-de",
      alerts: found.map(({ el, path }) => {
        // Taken out of the envelope with the namespaces it uses, so that it stands as a document of its own.
        const own = `<?xml version="1.0" encoding="UTF-8"?>\n${serializer.serializeToString(el)}`;
        const entry: CapDocumentAlert = { path, bytes: Buffer.from(own, "utf8"), alert: null, error: null, signature: "unsigned", signatureNote: null };
        try {
          if (el.namespaceURI !== CAP_NAMESPACE) throw versionError(el.namespaceURI, path);
          entry.alert = readAlertElement(el, path);
          const ownRoot = parseXml(own).documentElement!;
          const signature = checkSignature(ownRoot, own, trusted);
          entry.signature = signature.state;
          entry.signatureNote = signature.note;
        } catch (err) {
          if (!(err instanceof CapError)) throw err;
          entry.error = err;
        }
        return entry;
      }),
    };
  }
  const name = root.prefix ? `${root.prefix}:${root.localName}` : root.localName;
  throw new CapError("cap_malformed", "", `the document element must be a CAP 1.2 <alert> (or an EDXL-DE 1.0 <EDXLDistribution>), not <${name}>`);
}

/**
 * One CAP 1.2 alert, validated: the document's, or the first of an EDXL-DE envelope. Throws CapError
 * (see readCapDocument).
 */
export function parseCap(input: Buffer | string): CapAlert {
  const first = readCapDocument(input).alerts[0]!;
  if (first.error) throw first.error;
  return first.alert!;
}
