/**
 * CAP 1.2 in: a guarded reader that validates as it reads. xml-input.ts turns the bytes into a
 * DOM (refusing hostile documents first); this file reads the alert element by element, by
 * namespace, so any prefix works and elements of other namespaces are ignored; every count,
 * number and text is bounded (CAP_LIMITS) so that whatever is accepted can be stored and read back.
 * toCapXml (cap-write.ts) writes what this reads.
 */
import type { Element as DomElement } from "@xmldom/xmldom";
import {
  CAP_CATEGORIES, CAP_CERTAINTIES, CAP_LIMITS, CAP_MAX_BYTES, CAP_MSG_TYPES, CAP_NAMESPACE, CAP_RESPONSE_TYPES,
  CAP_SCOPES, CAP_SEVERITIES, CAP_STATUSES, CAP_URGENCIES,
  type CapAlert, type CapArea, type CapCircle, type CapGeocode, type CapInfo, type CapReference, type CapResource,
} from "@yingji/contracts";
import { CapError } from "./cap-error.ts";

export { CAP_MAX_BYTES, CAP_NAMESPACE };
export { CapError, type CapErrorCode } from "./cap-error.ts";
export { capReferencesString, toCapXml } from "./cap-write.ts";
export { parseCap, readCapDocument, type CapDocument, type CapDocumentAlert } from "./cap-document.ts";

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

function invalid(path: string, message: string): never {
  throw new CapError("cap_invalid", path, message);
}

/** Length limits of text elements; those not named here are short (CAP_LIMITS.short). */
const TEXT_LIMIT: Record<string, number> = {
  identifier: CAP_LIMITS.token, sender: CAP_LIMITS.token, note: CAP_LIMITS.text, addresses: CAP_LIMITS.text, references: CAP_LIMITS.text,
  description: CAP_LIMITS.text, instruction: CAP_LIMITS.text, polygon: CAP_LIMITS.text, value: CAP_LIMITS.text, derefUri: CAP_MAX_BYTES,
};

export function elementChildren(el: DomElement): DomElement[] {
  const out: DomElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT) out.push(n as DomElement);
  return out;
}

/** Text of a CAP text element: text and CDATA joined (comments and processing instructions skipped), trimmed. */
function textOf(el: DomElement, path: string, limit: number): string {
  let text = "";
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === TEXT || n.nodeType === CDATA) text += (n as unknown as { data: string }).data;
    else if (n.nodeType === ELEMENT) invalid(path, `<${(n as DomElement).localName}> is not allowed inside a text element`);
  }
  if (text.length > limit) invalid(path, `${text.length} characters, at most ${limit} are accepted`);
  return text.trim();
}

/** Reads the CAP children of one element, named by `path` ("info[0].area[1]"). */
class Reader {
  readonly path: string;
  readonly el: DomElement;
  constructor(el: DomElement, path: string) {
    this.el = el;
    this.path = path;
  }

  at(name: string): string {
    return this.path ? `${this.path}.${name}` : name;
  }

  private named(name: string, max: number): DomElement[] {
    const found = elementChildren(this.el).filter((c) => c.namespaceURI === CAP_NAMESPACE && c.localName === name);
    if (found.length > max) invalid(this.at(name), max === 1 ? `<${name}> may appear only once` : `${found.length} <${name}> elements, at most ${max} are accepted`);
    return found;
  }

  /** CAP elements this reader does not know are refused, as the schema does; other namespaces are ignored. */
  rejectUnknown(known: readonly string[]): void {
    for (let n = this.el.firstChild; n; n = n.nextSibling) {
      if ((n.nodeType === TEXT || n.nodeType === CDATA) && (n as unknown as { data: string }).data.trim()) invalid(this.path, "unexpected text between elements");
      if (n.nodeType !== ELEMENT) continue;
      const c = n as DomElement;
      if (c.namespaceURI === CAP_NAMESPACE && !known.includes(c.localName!)) invalid(this.at(c.localName!), `<${c.localName}> is not a CAP 1.2 element here`);
    }
  }

  texts(name: string, max: number): string[] {
    return this.named(name, max).map((c, i) => textOf(c, `${this.at(name)}[${i}]`, TEXT_LIMIT[name] ?? CAP_LIMITS.short));
  }

  /** The element's text, "" when empty, undefined when absent. */
  present(name: string): string | undefined {
    const all = this.named(name, 1);
    return all[0] && textOf(all[0], this.at(name), TEXT_LIMIT[name] ?? CAP_LIMITS.short);
  }

  optional(name: string): string | undefined {
    const value = this.present(name);
    return value === "" ? undefined : value;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) invalid(this.at(name), `<${name}> is required`);
    return value;
  }

  children(name: string, max: number): Reader[] {
    return this.named(name, max).map((c, i) => new Reader(c, `${this.at(name)}[${i}]`));
  }
}

// ---------------------------------------------------------------- value checks

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;
/** Years a CAP time may have: any later and the offset could carry it past 9999, which ISO 8601 output cannot write. */
const YEARS = [1900, 9998] as const;

function isCapDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s, , oh, om] = m.slice(1).map((x) => (x === "+" || x === "-" ? 0 : Number(x))) as number[];
  if (y! < YEARS[0] || y! > YEARS[1]) return false;
  const day = new Date(Date.UTC(y!, mo! - 1, d!));
  return day.getUTCMonth() === mo! - 1 && day.getUTCDate() === d && h! < 24 && mi! < 60 && s! < 60 && oh! <= 14 && om! < 60;
}

function dateTime(value: string, path: string): string {
  if (!isCapDateTime(value)) {
    invalid(path, `"${value}" is not a CAP time: YYYY-MM-DDThh:mm:ss with a numeric offset such as +08:00 (no "Z"), year ${YEARS[0]}–${YEARS[1]}`);
  }
  return value;
}

function optionalDateTime(el: Reader, name: string): string | undefined {
  const value = el.optional(name);
  return value === undefined ? undefined : dateTime(value, el.at(name));
}

function oneOf(value: string, allowed: readonly string[], path: string): string {
  if (!allowed.includes(value)) invalid(path, `"${value}" is not one of ${allowed.join(", ")}`);
  return value;
}

/** identifier and sender: no spaces, commas, < or & (CAP 1.2 §3.2.1). */
function token(value: string, path: string): string {
  if (/[\s,<&]/.test(value)) invalid(path, "must not contain spaces, commas, < or &");
  return value;
}

function decimal(value: string, path: string): number {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value)) invalid(path, `"${value}" is not a number`);
  const n = Number(value);
  if (!Number.isFinite(n)) invalid(path, `"${value}" is too large a number`);
  return n;
}

function bounded(value: string, path: string, min: number, max: number, what: string): number {
  const n = decimal(value, path);
  if (n < min || n > max) invalid(path, `${what} ${value} is outside ${min}..${max}`);
  return n;
}

function point(pair: string, path: string): [number, number] {
  const parts = pair.split(",");
  if (parts.length !== 2) invalid(path, `"${pair.slice(0, 60)}" is not a "lat,lon" pair`);
  return [bounded(parts[0]!, path, -90, 90, "latitude"), bounded(parts[1]!, path, -180, 180, "longitude")];
}

function polygon(value: string, path: string): Array<[number, number]> {
  const pairs = value.split(/\s+/).filter(Boolean);
  if (pairs.length > CAP_LIMITS.polygonPoints) invalid(path, `a polygon of ${pairs.length} points, at most ${CAP_LIMITS.polygonPoints} are accepted`);
  const points = pairs.map((pair) => point(pair, path));
  if (points.length < 4) invalid(path, `a polygon needs at least 4 points, this one has ${points.length}`);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) invalid(path, "the polygon is not closed: its first and last points differ");
  return points;
}

function circle(value: string, path: string): CapCircle {
  const parts = value.split(/\s+/).filter(Boolean);
  if (parts.length !== 2) invalid(path, `"${value.slice(0, 60)}" is not "lat,lon radius"`);
  const [lat, lon] = point(parts[0]!, path);
  const radiusKm = bounded(parts[1]!, path, 0, CAP_LIMITS.radiusKm, "the radius (km)");
  return { lat, lon, radiusKm };
}

/** geocode, eventCode, parameter: valueName and value are required elements, either may be empty (xs:string). */
function pairs(el: Reader, name: string, max: number): CapGeocode[] {
  return el.children(name, max).map((child) => {
    child.rejectUnknown(["valueName", "value"]);
    const valueName = child.present("valueName");
    const value = child.present("value");
    if (valueName === undefined) invalid(child.at("valueName"), "<valueName> is required");
    if (value === undefined) invalid(child.at("value"), "<value> is required");
    return { valueName, value };
  });
}

function references(value: string, path: string): CapReference[] {
  const entries = value.split(/\s+/).filter(Boolean);
  if (entries.length > CAP_LIMITS.references) invalid(path, `${entries.length} references, at most ${CAP_LIMITS.references} are accepted`);
  return entries.map((entry) => {
    const parts = entry.split(",");
    if (parts.length !== 3 || !parts[0] || !parts[1]) invalid(path, `"${entry.slice(0, 80)}" is not "sender,identifier,sent"`);
    return { sender: parts[0], identifier: parts[1], sent: dateTime(parts[2]!, path) };
  });
}

function altitude(el: Reader, name: string): number | undefined {
  const value = el.optional(name);
  return value === undefined ? undefined : bounded(value, el.at(name), -CAP_LIMITS.altitudeFeet, CAP_LIMITS.altitudeFeet, `${name} (feet)`);
}

// ---------------------------------------------------------------- the document

function readArea(el: Reader): CapArea {
  el.rejectUnknown(["areaDesc", "polygon", "circle", "geocode", "altitude", "ceiling"]);
  const area: CapArea = {
    areaDesc: el.required("areaDesc"),
    polygons: el.texts("polygon", CAP_LIMITS.polygonsPerInfo).map((p, i) => polygon(p, el.at(`polygon[${i}]`))),
    circles: el.texts("circle", CAP_LIMITS.circlesPerInfo).map((c, i) => circle(c, el.at(`circle[${i}]`))),
    geocodes: pairs(el, "geocode", CAP_LIMITS.geocodesPerInfo),
  };
  const low = altitude(el, "altitude");
  const high = altitude(el, "ceiling");
  if (low !== undefined) area.altitude = low;
  if (high !== undefined) {
    if (low === undefined) invalid(el.at("ceiling"), "<ceiling> needs <altitude>");
    if (high < low) invalid(el.at("ceiling"), `the ceiling ${high} is below the altitude ${low}`);
    area.ceiling = high;
  }
  return area;
}

function readResource(el: Reader): CapResource {
  el.rejectUnknown(["resourceDesc", "mimeType", "size", "uri", "derefUri", "digest"]);
  const resource: CapResource = { resourceDesc: el.required("resourceDesc"), mimeType: el.required("mimeType") };
  const size = el.optional("size");
  if (size !== undefined) {
    if (!/^\d{1,15}$/.test(size)) invalid(el.at("size"), `"${size.slice(0, 40)}" is not a whole number of bytes (at most 15 digits)`);
    resource.size = Number(size);
  }
  const uri = el.optional("uri");
  if (uri !== undefined && /\s/.test(uri)) invalid(el.at("uri"), "a URI has no spaces");
  assign(resource, "uri", uri);
  const deref = el.optional("derefUri");
  // Whitespace removed first: a pattern that allows it inside and at the end backtracks quadratically.
  if (deref !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(deref.replace(/\s+/g, ""))) invalid(el.at("derefUri"), "is not base64");
  assign(resource, "derefUri", deref);
  assign(resource, "digest", el.optional("digest"));
  return resource;
}

const INFO_ELEMENTS = [
  "language", "category", "event", "responseType", "urgency", "severity", "certainty", "audience", "eventCode",
  "effective", "onset", "expires", "senderName", "headline", "description", "instruction", "web", "contact",
  "parameter", "resource", "area",
] as const;

/** Areas of one info together: a warning holds at most this many polygons, circles and geocodes. */
function checkTotals(el: Reader, areas: CapArea[]): void {
  const total = (f: (a: CapArea) => number) => areas.reduce((n, a) => n + f(a), 0);
  for (const [what, n, max] of [
    ["polygons", total((a) => a.polygons.length), CAP_LIMITS.polygonsPerInfo],
    ["circles", total((a) => a.circles.length), CAP_LIMITS.circlesPerInfo],
    ["geocodes", total((a) => a.geocodes.length), CAP_LIMITS.geocodesPerInfo],
  ] as const) {
    if (n > max) invalid(el.at("area"), `${n} ${what} in the areas of this info, at most ${max} are accepted`);
  }
}

function readInfo(el: Reader): CapInfo {
  el.rejectUnknown(INFO_ELEMENTS);
  const category = el.texts("category", 32).map((c, i) => oneOf(c, CAP_CATEGORIES, el.at(`category[${i}]`)));
  if (category.length === 0) invalid(el.at("category"), "<category> is required");
  const areas = el.children("area", CAP_LIMITS.areasPerInfo).map(readArea);
  checkTotals(el, areas);
  const info: CapInfo = {
    language: el.optional("language") ?? "en-US",
    category,
    event: el.required("event"),
    responseType: el.texts("responseType", 32).map((r, i) => oneOf(r, CAP_RESPONSE_TYPES, el.at(`responseType[${i}]`))),
    urgency: oneOf(el.required("urgency"), CAP_URGENCIES, el.at("urgency")),
    severity: oneOf(el.required("severity"), CAP_SEVERITIES, el.at("severity")),
    certainty: oneOf(el.required("certainty"), CAP_CERTAINTIES, el.at("certainty")),
    eventCodes: pairs(el, "eventCode", CAP_LIMITS.pairsPerInfo),
    parameters: pairs(el, "parameter", CAP_LIMITS.pairsPerInfo),
    resources: el.children("resource", CAP_LIMITS.resourcesPerInfo).map(readResource),
    areas,
  };
  if (!/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(info.language)) invalid(el.at("language"), `"${info.language}" is not a language tag such as zh-CN`);
  assign(info, "audience", el.optional("audience"));
  assign(info, "effective", optionalDateTime(el, "effective"));
  assign(info, "onset", optionalDateTime(el, "onset"));
  assign(info, "expires", optionalDateTime(el, "expires"));
  for (const name of ["senderName", "headline", "description", "instruction", "contact"] as const) assign(info, name, el.optional(name));
  const web = el.optional("web");
  if (web !== undefined && (!URL.canParse(web) || /\s/.test(web))) invalid(el.at("web"), `"${web.slice(0, 80)}" is not an absolute URI`);
  assign(info, "web", web);
  return orderedInfo(info);
}

const ALERT_ELEMENTS = [
  "identifier", "sender", "sent", "status", "msgType", "source", "scope", "restriction", "addresses", "code",
  "note", "references", "incidents", "info",
] as const;

/** One <alert> element in CAP 1.2's namespace; paths start at `path` ("" for a document that is an alert). */
export function readAlertElement(element: DomElement, path: string): CapAlert {
  const el = new Reader(element, path);
  el.rejectUnknown(ALERT_ELEMENTS);
  const scope = oneOf(el.required("scope"), CAP_SCOPES, el.at("scope"));
  const alert: CapAlert = {
    identifier: token(el.required("identifier"), el.at("identifier")),
    sender: token(el.required("sender"), el.at("sender")),
    sent: dateTime(el.required("sent"), el.at("sent")),
    status: oneOf(el.required("status"), CAP_STATUSES, el.at("status")),
    msgType: oneOf(el.required("msgType"), CAP_MSG_TYPES, el.at("msgType")),
    scope,
    codes: el.texts("code", CAP_LIMITS.codes).filter(Boolean),
    references: [],
    infos: [],
  };
  assign(alert, "source", el.optional("source"));
  const restriction = el.optional("restriction");
  if (restriction !== undefined && scope !== "Restricted") invalid(el.at("restriction"), `<restriction> is allowed only with scope Restricted, not ${scope}`);
  assign(alert, "restriction", restriction);
  const addresses = el.optional("addresses");
  if (scope === "Private" && addresses === undefined) invalid(el.at("addresses"), "<addresses> is required with scope Private");
  if (addresses !== undefined && scope !== "Private") invalid(el.at("addresses"), `<addresses> is allowed only with scope Private, not ${scope}`);
  assign(alert, "addresses", addresses);
  assign(alert, "note", el.optional("note"));
  const refs = el.optional("references");
  alert.references = refs === undefined ? [] : references(refs, el.at("references"));
  if ((alert.msgType === "Update" || alert.msgType === "Cancel") && alert.references.length === 0) {
    invalid(el.at("references"), `<references> is required with msgType ${alert.msgType}: it names the alert to change`);
  }
  assign(alert, "incidents", el.optional("incidents"));
  alert.infos = el.children("info", CAP_LIMITS.infos).map(readInfo);
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
