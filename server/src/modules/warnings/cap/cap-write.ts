/** CAP 1.2 out: a document whose parse gives back the alert unchanged (parseCap(toCapXml(a)) equals a). */
import { CAP_NAMESPACE, type CapAlert, type CapGeocode, type CapReference } from "@yingji/contracts";

/** The `references` text of a CAP document for these messages. */
export function capReferencesString(refs: CapReference[]): string {
  return refs.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(" ");
}

function escapeXml(value: string): string {
  // A carriage return written as is would come back as a line feed (XML normalises line ends).
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

function line(out: string[], depth: number, name: string, value: string | number | undefined): void {
  if (value === undefined) return;
  out.push(`${"  ".repeat(depth)}<${name}>${escapeXml(String(value))}</${name}>`);
}

function writePairs(out: string[], depth: number, name: string, pairs: CapGeocode[]): void {
  for (const p of pairs) {
    out.push(`${"  ".repeat(depth)}<${name}>`);
    line(out, depth + 1, "valueName", p.valueName);
    line(out, depth + 1, "value", p.value);
    out.push(`${"  ".repeat(depth)}</${name}>`);
  }
}

/** A CAP 1.2 document for this alert, UTF-8, elements in the schema's order. */
export function toCapXml(alert: CapAlert): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<alert xmlns="${CAP_NAMESPACE}">`];
  line(out, 1, "identifier", alert.identifier);
  line(out, 1, "sender", alert.sender);
  line(out, 1, "sent", alert.sent);
  line(out, 1, "status", alert.status);
  line(out, 1, "msgType", alert.msgType);
  line(out, 1, "source", alert.source);
  line(out, 1, "scope", alert.scope);
  line(out, 1, "restriction", alert.restriction);
  line(out, 1, "addresses", alert.addresses);
  for (const code of alert.codes) line(out, 1, "code", code);
  line(out, 1, "note", alert.note);
  if (alert.references.length) line(out, 1, "references", capReferencesString(alert.references));
  line(out, 1, "incidents", alert.incidents);
  for (const info of alert.infos) {
    out.push("  <info>");
    line(out, 2, "language", info.language);
    for (const c of info.category) line(out, 2, "category", c);
    line(out, 2, "event", info.event);
    for (const r of info.responseType) line(out, 2, "responseType", r);
    line(out, 2, "urgency", info.urgency);
    line(out, 2, "severity", info.severity);
    line(out, 2, "certainty", info.certainty);
    line(out, 2, "audience", info.audience);
    writePairs(out, 2, "eventCode", info.eventCodes);
    line(out, 2, "effective", info.effective);
    line(out, 2, "onset", info.onset);
    line(out, 2, "expires", info.expires);
    line(out, 2, "senderName", info.senderName);
    line(out, 2, "headline", info.headline);
    line(out, 2, "description", info.description);
    line(out, 2, "instruction", info.instruction);
    line(out, 2, "web", info.web);
    line(out, 2, "contact", info.contact);
    writePairs(out, 2, "parameter", info.parameters);
    for (const r of info.resources) {
      out.push("    <resource>");
      line(out, 3, "resourceDesc", r.resourceDesc);
      line(out, 3, "mimeType", r.mimeType);
      line(out, 3, "size", r.size);
      line(out, 3, "uri", r.uri);
      line(out, 3, "derefUri", r.derefUri);
      line(out, 3, "digest", r.digest);
      out.push("    </resource>");
    }
    for (const area of info.areas) {
      out.push("    <area>");
      line(out, 3, "areaDesc", area.areaDesc);
      for (const p of area.polygons) line(out, 3, "polygon", p.map(([lat, lon]) => `${lat},${lon}`).join(" "));
      for (const c of area.circles) line(out, 3, "circle", `${c.lat},${c.lon} ${c.radiusKm}`);
      writePairs(out, 3, "geocode", area.geocodes);
      line(out, 3, "altitude", area.altitude);
      line(out, 3, "ceiling", area.ceiling);
      out.push("    </area>");
    }
    out.push("  </info>");
  }
  out.push("</alert>", "");
  return out.join("\n");
}
