/**
 * CAP 1.2 (OASIS Common Alerting Protocol; ITU-T X.1303) as plain data: what the
 * parser in server/src/modules/warnings/cap/ gives and what its serializer takes.
 * Element names follow the standard; repeated elements become arrays (plural names).
 * Times are kept as the document writes them (ISO 8601 with a numeric offset).
 */

export const CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
/** A CAP document larger than this is refused before parsing (413). */
export const CAP_MAX_BYTES = 1024 * 1024;
/** Namespaces of earlier CAP versions: named in the refusal ("must be CAP 1.2"), never read. */
export const CAP_OLD_NAMESPACES: Record<string, string> = {
  "urn:oasis:names:tc:emergency:cap:1.1": "CAP 1.1",
  "http://www.incident.com/cap/1.0": "CAP 1.0",
  "urn:oasis:names:tc:emergency:cap:1.0": "CAP 1.0",
};
/** EDXL-DE 1.0: an envelope whose contentObject/xmlContent/embeddedXMLContent may carry CAP alerts. */
export const EDXL_DE_NAMESPACE = "urn:oasis:names:tc:emergency:EDXL:DE:1.0";
/** XML digital signature (CAP 1.2 §3.3.2.1: an enveloped Signature as the alert's last child). */
export const XMLDSIG_NAMESPACE = "http://www.w3.org/2000/09/xmldsig#";

/**
 * Bounds of every count, number and text in a CAP document: beyond them the document is refused
 * with the path of the element, before anything is stored (a warning must always read back).
 * Polygon and circle counts are per info (all its areas together) because a warning holds that many.
 */
export const CAP_LIMITS = {
  /** Nesting of elements, counted from the document element (CAP itself needs 5; EDXL-DE and a signature add some). */
  depth: 32,
  /**
   * Markup in the whole document, counted before parsing (parsers take seconds over 1 MB of tiny
   * elements or attributes): elements, attributes, and comments + processing instructions + CDATA sections.
   */
  elements: 20_000,
  attributes: 2_000,
  otherMarkup: 2_000,
  infos: 16,
  areasPerInfo: 100,
  resourcesPerInfo: 32,
  polygonsPerInfo: 20,
  polygonPoints: 1000,
  circlesPerInfo: 20,
  geocodesPerInfo: 2000,
  /** eventCode and parameter, each. */
  pairsPerInfo: 200,
  codes: 100,
  references: 100,
  /** Alerts carried by one EDXL-DE envelope. */
  edxlAlerts: 32,
  /** Kilometres: as large as a warning's circle may be. */
  radiusKm: 1000,
  /** Feet above (or below) mean sea level, for altitude and ceiling. */
  altitudeFeet: 1_000_000,
  /** Characters: identifier, sender and one reference; other short fields; long free text. */
  token: 256,
  short: 1024,
  text: 65_536,
} as const;

/**
 * The signature of a received CAP document: none; signed but no trusted certificates are
 * configured (CAP_TRUSTED_CERTS), so not checked; verified against a trusted certificate;
 * invalid (does not verify against any trusted certificate, or is not an enveloped signature).
 */
export const CAP_SIGNATURE_STATES = ["unsigned", "signed", "verified", "invalid"] as const;
export type CapSignatureState = (typeof CAP_SIGNATURE_STATES)[number];

export const CAP_STATUSES = ["Actual", "Exercise", "System", "Test", "Draft"] as const;
export const CAP_MSG_TYPES = ["Alert", "Update", "Cancel", "Ack", "Error"] as const;
export const CAP_SCOPES = ["Public", "Restricted", "Private"] as const;
export const CAP_CATEGORIES = [
  "Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other",
] as const;
export const CAP_RESPONSE_TYPES = [
  "Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear", "None",
] as const;
export const CAP_URGENCIES = ["Immediate", "Expected", "Future", "Past", "Unknown"] as const;
export const CAP_SEVERITIES = ["Extreme", "Severe", "Moderate", "Minor", "Unknown"] as const;
export const CAP_CERTAINTIES = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"] as const;

export type CapStatus = (typeof CAP_STATUSES)[number];
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];
export type CapScope = (typeof CAP_SCOPES)[number];
export type CapCategory = (typeof CAP_CATEGORIES)[number];
export type CapSeverity = (typeof CAP_SEVERITIES)[number];

/** A name/value pair: `geocode`, `eventCode` and `parameter` share this shape. */
export interface CapGeocode { valueName: string; value: string }
/** A circle: centre and radius in kilometres ("lat,lon radius" in the document). */
export interface CapCircle { lat: number; lon: number; radiusKm: number }
export interface CapArea {
  areaDesc: string;
  /** Each polygon is a list of [lat, lon] points, at least four, the first equal to the last. */
  polygons: Array<Array<[number, number]>>;
  circles: CapCircle[];
  geocodes: CapGeocode[];
  /** Feet above mean sea level, as CAP defines it. */
  altitude?: number;
  ceiling?: number;
}
export interface CapResource { resourceDesc: string; mimeType: string; size?: number; uri?: string; derefUri?: string; digest?: string }
export interface CapInfo {
  /** RFC 3066 language, e.g. "zh-CN"; CAP's default is "en-US". */
  language: string;
  category: string[];
  event: string;
  responseType: string[];
  urgency: string;
  severity: string;
  certainty: string;
  audience?: string;
  eventCodes: CapGeocode[];
  effective?: string;
  onset?: string;
  expires?: string;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  parameters: CapGeocode[];
  resources: CapResource[];
  areas: CapArea[];
}
/** One entry of `references` ("sender,identifier,sent", space-separated in the document). */
export interface CapReference { sender: string; identifier: string; sent: string }
export interface CapAlert {
  identifier: string;
  sender: string;
  /** ISO 8601 with a numeric offset, as in the document (e.g. "2026-07-20T08:00:00+08:00"). */
  sent: string;
  status: string;
  msgType: string;
  source?: string;
  scope: string;
  /** Only with scope Restricted. */
  restriction?: string;
  /** Required with scope Private (space-separated; quoted when a name has a space). */
  addresses?: string;
  codes: string[];
  note?: string;
  /** The earlier messages this one updates or cancels. */
  references: CapReference[];
  incidents?: string;
  infos: CapInfo[];
}
