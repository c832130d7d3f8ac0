/**
 * CAP 1.2 in and out: a guarded parser that validates as it reads, and a serializer
 * whose output the parser gives back unchanged (parseCap(toCapXml(a)) equals a).
 *
 * Safety comes first: the size limit and the refusal of DOCTYPE/ENTITY declarations
 * are checked on the raw bytes before the XML parser sees anything, and the parser
 * runs with entity processing off; the five predefined entities and character
 * references are decoded here, nothing else.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import {
  CAP_CATEGORIES, CAP_CERTAINTIES, CAP_MAX_BYTES, CAP_MSG_TYPES, CAP_NAMESPACE, CAP_RESPONSE_TYPES,
  CAP_SCOPES, CAP_SEVERITIES, CAP_STATUSES, CAP_URGENCIES,
  type CapAlert, type CapArea, type CapCircle, type CapGeocode, type CapInfo, type CapReference, type CapResource,
} from "@yingji/contracts";

export { CAP_MAX_BYTES, CAP_NAMESPACE };

export type CapErrorCode = "cap_too_large" | "cap_doctype" | "cap_malformed" | "cap_invalid";

/** A refused document; `path` names the faulty element ("info[0].area[1].polygon[0]"), "" for the whole document. */
export class CapError extends Error {
  code: CapErrorCode;
  path: string;
  constructor(code: CapErrorCode, path: string, message: string) {
    super(path ? `${path}: ${message}` : message);
    this.name = "CapError";
    this.code = code;
    this.path = path;
  }
}

// ---------------------------------------------------------------- raw guards

const DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;

/** Text of the document, refused before any parsing when too large, not text, or declaring a DTD/entities. */
function guardedText(input: Buffer | string): string {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  if (bytes.length > CAP_MAX_BYTES) {
    throw new CapError("cap_too_large", "", `document is ${bytes.length} bytes, the limit is ${CAP_MAX_BYTES}`);
  }
  // Latin-1 maps every byte to one character and dropping NULs unfolds UTF-16, so this sees a
  // declaration whatever the encoding claims.
  if (DECLARATION.test(bytes.toString("latin1").replace(/\0/g, ""))) {
    throw new CapError("cap_doctype", "", "DOCTYPE and ENTITY declarations are not accepted");
  }
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe) || bytes.includes(0)) {
    throw new CapError("cap_malformed", "", "only UTF-8 (or GB18030/GBK) documents are accepted");
  }
  const head = bytes.subarray(0, 200).toString("latin1");
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  const encoding = declared && /^(gb2312|gbk|gb18030)$/.test(declared) ? "gb18030" : "utf-8";
  if (declared && encoding === "utf-8" && declared !== "utf-8" && declared !== "utf8") {
    throw new CapError("cap_malformed", "", `unsupported encoding "${declared}"`);
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new CapError("cap_malformed", "", `the document is not valid ${encoding.toUpperCase()}`);
  }
  if (DECLARATION.test(text)) throw new CapError("cap_doctype", "", "DOCTYPE and ENTITY declarations are not accepted");
  return text.replace(/^\uFEFF/, "");
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(raw: string, path: string): string {
  return raw.replace(/&([^;&\s<]{0,12});|&/g, (whole, name: string | undefined) => {
    if (name === undefined) throw new CapError("cap_malformed", path, "a bare & must be written &amp;");
    if (name in PREDEFINED) return PREDEFINED[name]!;
    const code = /^#x[0-9a-f]+$/i.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]+$/.test(name) ? parseInt(name.slice(1), 10) : NaN;
    if (Number.isNaN(code) || code > 0x10ffff) throw new CapError("cap_malformed", path, `unknown entity ${whole}`);
    return String.fromCodePoint(code);
  });
}

// ---------------------------------------------------------------- reading the tree

type XmlNode = Record<string, unknown>;
const TEXT = "#text";
const CDATA = "#cdata";
const ATTR = "@_";

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  cdataPropName: CDATA,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
});

/** Reads the children of one CAP element, named by `path`, and keeps track of which ones were used. */
class Element {
  readonly path: string;
  private readonly node: XmlNode;
  private readonly prefix: string;
  constructor(node: XmlNode, path: string, prefix: string) {
    this.node = node;
    this.path = path;
    this.prefix = prefix;
  }

  private at(name: string): string {
    return this.path ? `${this.path}.${name}` : name;
  }

  private raw(name: string): unknown[] {
    const value = this.node[this.prefix + name];
    return Array.isArray(value) ? value : [];
  }

  /** Children in the CAP namespace that this reader does not know: refused, as the schema does. */
  rejectUnknown(known: readonly string[]): void {
    for (const key of Object.keys(this.node)) {
      if (key.startsWith(ATTR) || key === TEXT) continue;
      if (key === CDATA) throw new CapError("cap_invalid", this.path, "unexpected text");
      const local = this.prefix ? (key.startsWith(this.prefix) ? key.slice(this.prefix.length) : null) : key.includes(":") ? null : key;
      if (local !== null && !known.includes(local)) {
        throw new CapError("cap_invalid", this.at(local), `<${local}> is not a CAP 1.2 element here`);
      }
    }
  }

  texts(name: string): string[] {
    return this.raw(name).map((value, i) => textOf(value, `${this.at(name)}[${i}]`));
  }

  optional(name: string): string | undefined {
    const all = this.texts(name);
    if (all.length > 1) throw new CapError("cap_invalid", this.at(name), `<${name}> may appear only once`);
    return all[0] === "" ? undefined : all[0];
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw new CapError("cap_invalid", this.at(name), `<${name}> is required`);
    return value;
  }

  children(name: string): Element[] {
    return this.raw(name).map((value, i) => {
      const path = `${this.at(name)}[${i}]`;
      if (typeof value !== "object" || value === null) throw new CapError("cap_invalid", path, `<${name}> must contain elements`);
      return new Element(value as XmlNode, path, this.prefix);
    });
  }
}

function textOf(value: unknown, path: string): string {
  if (typeof value === "string") return decodeEntities(value, path);
  if (typeof value === "object" && value !== null) {
    const node = value as XmlNode;
    let text = "";
    for (const [key, part] of Object.entries(node)) {
      if (key.startsWith(ATTR)) continue;
      if (key === TEXT) text += decodeEntities(String(part), path);
      else if (key === CDATA) text += (part as unknown[]).map((c) => (typeof c === "string" ? c : String((c as XmlNode)[TEXT] ?? ""))).join("");
      else throw new CapError("cap_invalid", path, `<${key}> is not allowed inside a text element`);
    }
    return text.trim();
  }
  return "";
}

// ---------------------------------------------------------------- value checks

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;

function isCapDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s, , oh, om] = m.slice(1).map((x) => (x === "+" || x === "-" ? 0 : Number(x))) as number[];
  const day = new Date(Date.UTC(y!, mo! - 1, d!));
  return day.getUTCMonth() === mo! - 1 && day.getUTCDate() === d && h! < 24 && mi! < 60 && s! < 60 && oh! < 15 && om! < 60;
}

function dateTime(value: string, path: string): string {
  if (!isCapDateTime(value)) {
    throw new CapError("cap_invalid", path, `"${value}" is not a CAP time: YYYY-MM-DDThh:mm:ss with a numeric offset such as +08:00 (no "Z")`);
  }
  return value;
}

function optionalDateTime(el: Element, name: string): string | undefined {
  const value = el.optional(name);
  return value === undefined ? undefined : dateTime(value, el.path ? `${el.path}.${name}` : name);
}

function oneOf(value: string, allowed: readonly string[], path: string): string {
  if (!allowed.includes(value)) throw new CapError("cap_invalid", path, `"${value}" is not one of ${allowed.join(", ")}`);
  return value;
}

/** identifier and sender: no spaces, commas, < or & (CAP 1.2 §3.2.1). */
function token(value: string, path: string): string {
  if (/[\s,<&]/.test(value)) throw new CapError("cap_invalid", path, "must not contain spaces, commas, < or &");
  return value;
}

function decimal(value: string, path: string): number {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value)) throw new CapError("cap_invalid", path, `"${value}" is not a number`);
  return Number(value);
}

function point(pair: string, path: string): [number, number] {
  const parts = pair.split(",");
  if (parts.length !== 2) throw new CapError("cap_invalid", path, `"${pair}" is not a "lat,lon" pair`);
  const lat = decimal(parts[0]!, path);
  const lon = decimal(parts[1]!, path);
  if (lat < -90 || lat > 90) throw new CapError("cap_invalid", path, `latitude ${lat} is outside -90..90`);
  if (lon < -180 || lon > 180) throw new CapError("cap_invalid", path, `longitude ${lon} is outside -180..180`);
  return [lat, lon];
}

function polygon(value: string, path: string): Array<[number, number]> {
  const points = value.split(/\s+/).filter(Boolean).map((pair) => point(pair, path));
  if (points.length < 4) throw new CapError("cap_invalid", path, `a polygon needs at least 4 points, this one has ${points.length}`);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) throw new CapError("cap_invalid", path, "the polygon is not closed: its first and last points differ");
  return points;
}

function circle(value: string, path: string): CapCircle {
  const parts = value.split(/\s+/).filter(Boolean);
  if (parts.length !== 2) throw new CapError("cap_invalid", path, `"${value}" is not "lat,lon radius"`);
  const [lat, lon] = point(parts[0]!, path);
  const radiusKm = decimal(parts[1]!, path);
  if (radiusKm < 0) throw new CapError("cap_invalid", path, "the radius must not be negative");
  return { lat, lon, radiusKm };
}

function pairs(el: Element, name: string): CapGeocode[] {
  return el.children(name).map((child) => {
    child.rejectUnknown(["valueName", "value"]);
    return { valueName: child.required("valueName"), value: child.required("value") };
  });
}

function references(value: string, path: string): CapReference[] {
  return value.split(/\s+/).filter(Boolean).map((entry) => {
    const parts = entry.split(",");
    if (parts.length !== 3 || !parts[0] || !parts[1]) {
      throw new CapError("cap_invalid", path, `"${entry}" is not "sender,identifier,sent"`);
    }
    return { sender: parts[0], identifier: parts[1], sent: dateTime(parts[2]!, path) };
  });
}

/** The `references` text of a CAP document for these messages. */
export function capReferencesString(refs: CapReference[]): string {
  return refs.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(" ");
}

// ---------------------------------------------------------------- the document

function readArea(el: Element): CapArea {
  el.rejectUnknown(["areaDesc", "polygon", "circle", "geocode", "altitude", "ceiling"]);
  const area: CapArea = {
    areaDesc: el.required("areaDesc"),
    polygons: el.texts("polygon").map((p, i) => polygon(p, `${el.path}.polygon[${i}]`)),
    circles: el.texts("circle").map((c, i) => circle(c, `${el.path}.circle[${i}]`)),
    geocodes: pairs(el, "geocode"),
  };
  const altitude = el.optional("altitude");
  const ceiling = el.optional("ceiling");
  if (altitude !== undefined) area.altitude = decimal(altitude, `${el.path}.altitude`);
  if (ceiling !== undefined) {
    if (altitude === undefined) throw new CapError("cap_invalid", `${el.path}.ceiling`, "<ceiling> needs <altitude>");
    area.ceiling = decimal(ceiling, `${el.path}.ceiling`);
  }
  return area;
}

function readResource(el: Element): CapResource {
  el.rejectUnknown(["resourceDesc", "mimeType", "size", "uri", "derefUri", "digest"]);
  const resource: CapResource = { resourceDesc: el.required("resourceDesc"), mimeType: el.required("mimeType") };
  const size = el.optional("size");
  if (size !== undefined) {
    if (!/^\d+$/.test(size)) throw new CapError("cap_invalid", `${el.path}.size`, `"${size}" is not a whole number of bytes`);
    resource.size = Number(size);
  }
  assign(resource, "uri", el.optional("uri"));
  // derefUri (inline base64 content) is read for validity but not kept: files are not taken in through CAP.
  el.optional("derefUri");
  assign(resource, "digest", el.optional("digest"));
  return resource;
}

const INFO_ELEMENTS = [
  "language", "category", "event", "responseType", "urgency", "severity", "certainty", "audience", "eventCode",
  "effective", "onset", "expires", "senderName", "headline", "description", "instruction", "web", "contact",
  "parameter", "resource", "area",
] as const;

function readInfo(el: Element): CapInfo {
  el.rejectUnknown(INFO_ELEMENTS);
  const category = el.texts("category").map((c, i) => oneOf(c, CAP_CATEGORIES, `${el.path}.category[${i}]`));
  if (category.length === 0) throw new CapError("cap_invalid", `${el.path}.category`, "<category> is required");
  const info: CapInfo = {
    language: el.optional("language") ?? "en-US",
    category,
    event: el.required("event"),
    responseType: el.texts("responseType").map((r, i) => oneOf(r, CAP_RESPONSE_TYPES, `${el.path}.responseType[${i}]`)),
    urgency: oneOf(el.required("urgency"), CAP_URGENCIES, `${el.path}.urgency`),
    severity: oneOf(el.required("severity"), CAP_SEVERITIES, `${el.path}.severity`),
    certainty: oneOf(el.required("certainty"), CAP_CERTAINTIES, `${el.path}.certainty`),
    eventCodes: pairs(el, "eventCode"),
    parameters: pairs(el, "parameter"),
    resources: el.children("resource").map(readResource),
    areas: el.children("area").map(readArea),
  };
  assign(info, "audience", el.optional("audience"));
  assign(info, "effective", optionalDateTime(el, "effective"));
  assign(info, "onset", optionalDateTime(el, "onset"));
  assign(info, "expires", optionalDateTime(el, "expires"));
  for (const name of ["senderName", "headline", "description", "instruction", "contact"] as const) {
    assign(info, name, el.optional(name));
  }
  const web = el.optional("web");
  if (web !== undefined && !URL.canParse(web)) throw new CapError("cap_invalid", `${el.path}.web`, `"${web}" is not an absolute URI`);
  assign(info, "web", web);
  return orderedInfo(info);
}

const ALERT_ELEMENTS = [
  "identifier", "sender", "sent", "status", "msgType", "source", "scope", "restriction", "addresses", "code",
  "note", "references", "incidents", "info",
] as const;

function readAlert(el: Element): CapAlert {
  el.rejectUnknown(ALERT_ELEMENTS);
  const scope = oneOf(el.required("scope"), CAP_SCOPES, "scope");
  const alert: CapAlert = {
    identifier: token(el.required("identifier"), "identifier"),
    sender: token(el.required("sender"), "sender"),
    sent: dateTime(el.required("sent"), "sent"),
    status: oneOf(el.required("status"), CAP_STATUSES, "status"),
    msgType: oneOf(el.required("msgType"), CAP_MSG_TYPES, "msgType"),
    scope,
    codes: el.texts("code").filter(Boolean),
    references: [],
    infos: [],
  };
  assign(alert, "source", el.optional("source"));
  const restriction = el.optional("restriction");
  if (restriction !== undefined && scope !== "Restricted") {
    throw new CapError("cap_invalid", "restriction", `<restriction> is allowed only with scope Restricted, not ${scope}`);
  }
  assign(alert, "restriction", restriction);
  const addresses = el.optional("addresses");
  if (scope === "Private" && addresses === undefined) throw new CapError("cap_invalid", "addresses", "<addresses> is required with scope Private");
  if (addresses !== undefined && scope !== "Private") {
    throw new CapError("cap_invalid", "addresses", `<addresses> is allowed only with scope Private, not ${scope}`);
  }
  assign(alert, "addresses", addresses);
  assign(alert, "note", el.optional("note"));
  const refs = el.optional("references");
  alert.references = refs === undefined ? [] : references(refs, "references");
  if ((alert.msgType === "Update" || alert.msgType === "Cancel") && alert.references.length === 0) {
    throw new CapError("cap_invalid", "references", `<references> is required with msgType ${alert.msgType}: it names the alert to change`);
  }
  assign(alert, "incidents", el.optional("incidents"));
  alert.infos = el.children("info").map(readInfo);
  return orderedAlert(alert);
}

function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** Same keys in the schema's order, so that parsed alerts print alike whatever the document's order. */
function orderedAlert(a: CapAlert): CapAlert {
  const o = {} as CapAlert;
  for (const k of ["identifier", "sender", "sent", "status", "msgType", "source", "scope", "restriction", "addresses", "codes", "note", "references", "incidents", "infos"] as const) {
    if (a[k] !== undefined) (o as unknown as Record<string, unknown>)[k] = a[k];
  }
  return o;
}

function orderedInfo(i: CapInfo): CapInfo {
  const o = {} as CapInfo;
  for (const k of [
    "language", "category", "event", "responseType", "urgency", "severity", "certainty", "audience", "eventCodes", "effective", "onset",
    "expires", "senderName", "headline", "description", "instruction", "web", "contact", "parameters", "resources", "areas",
  ] as const) {
    if (i[k] !== undefined) (o as unknown as Record<string, unknown>)[k] = i[k];
  }
  return o;
}

/**
 * Parses and validates one CAP 1.2 document. Throws CapError: cap_too_large (over
 * CAP_MAX_BYTES), cap_doctype (DTD or entity declarations), cap_malformed (not
 * well-formed XML, not CAP 1.2's namespace) or cap_invalid (with the path of the fault).
 */
export function parseCap(input: Buffer | string): CapAlert {
  const text = guardedText(input);
  const wellFormed = XMLValidator.validate(text);
  if (wellFormed !== true) {
    throw new CapError("cap_malformed", "", `not well-formed XML (line ${wellFormed.err.line}): ${wellFormed.err.msg}`);
  }
  let tree: XmlNode;
  try {
    tree = xmlParser.parse(text) as XmlNode;
  } catch (err) {
    throw new CapError("cap_malformed", "", `not well-formed XML: ${(err as Error).message}`);
  }
  const roots = Object.keys(tree).filter((k) => !k.startsWith("?"));
  const rootName = roots.length === 1 ? roots[0]! : "";
  const m = /^(?:([^:]+):)?alert$/.exec(rootName);
  const rootNodes = tree[rootName];
  if (!m || !Array.isArray(rootNodes) || rootNodes.length !== 1 || typeof rootNodes[0] !== "object") {
    throw new CapError("cap_malformed", "", `the document element must be one <alert>, found ${roots.map((r) => `<${r}>`).join(", ") || "none"}`);
  }
  const root = rootNodes[0] as XmlNode;
  const nsAttribute = m[1] ? `${ATTR}xmlns:${m[1]}` : `${ATTR}xmlns`;
  if (root[nsAttribute] !== CAP_NAMESPACE) {
    throw new CapError("cap_malformed", "", `<alert> must be in the namespace ${CAP_NAMESPACE}`);
  }
  return readAlert(new Element(root, "", m[1] ? `${m[1]}:` : ""));
}

// ---------------------------------------------------------------- writing

function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
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
