/**
 * CAP 1.2 (OASIS Common Alerting Protocol; ITU-T X.1303) as plain data: what the
 * parser in server/src/modules/warnings/cap/ gives and what its serializer takes.
 * Element names follow the standard; repeated elements become arrays (plural names).
 * Times are kept as the document writes them (ISO 8601 with a numeric offset).
 */

export const CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
/** A CAP document larger than this is refused before parsing (413). */
export const CAP_MAX_BYTES = 1024 * 1024;

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
export interface CapResource { resourceDesc: string; mimeType: string; size?: number; uri?: string; digest?: string }
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
