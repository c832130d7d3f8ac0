/**
 * Between a CAP 1.2 alert and a warning. Pure: org units travel as GB/T 2260 geocodes (the
 * unit's code) and the incident type as an event code; the service resolves them.
 */
import type { CapAlert, CapArea, CapInfo, WarningLevel } from "@yingji/contracts";
import { WARNING_LEVELS } from "@yingji/contracts";
import { LEVEL_SEVERITY, levelOfSeverity, shanghaiIso } from "./warnings.rules.ts";

export const GEOCODE_AREA = "GB/T 2260";
export const EVENT_CODE_TYPE = "GB/T 35561";
export const PARAMETER_LEVEL = "预警级别";
const LEVEL_ZH: Record<WarningLevel, string> = { red: "红色", orange: "橙色", yellow: "黄色", blue: "蓝色" };
const MIN_RADIUS_KM = 0.01;
/** Warnings without an expiry in the document hold this long. */
const DEFAULT_VALIDITY_MS = 24 * 3_600_000;

export interface WarningDraftFromCap {
  level: WarningLevel;
  headline: string;
  description: string;
  instruction: string;
  event: string;
  senderName: string | null;
  area: { description: string; polygons: [number, number][][]; circles: { lat: number; lon: number; radiusKm: number }[]; unitCodes: string[] };
  effectiveAt: Date;
  expiresAt: Date;
  public: boolean;
  exercise: boolean;
  incidentTypeCode: string | null;
}

/** The Chinese info block when there is one (the documents we receive may carry several languages). */
export function mainInfo(alert: CapAlert): CapInfo | undefined {
  return alert.infos.find((i) => i.language.toLowerCase().startsWith("zh")) ?? alert.infos[0];
}

function levelOf(info: CapInfo): WarningLevel {
  for (const p of info.parameters) {
    if (p.valueName === PARAMETER_LEVEL || p.valueName.toLowerCase() === "level") {
      const v = p.value.trim().toLowerCase();
      const hit = WARNING_LEVELS.find((l) => l === v || LEVEL_ZH[l] === p.value.trim() || `${LEVEL_ZH[l]}预警` === p.value.trim());
      if (hit) return hit;
    }
  }
  return levelOfSeverity(info.severity);
}

export function warningDraftFromCap(alert: CapAlert): WarningDraftFromCap {
  const info = mainInfo(alert);
  const sent = new Date(alert.sent);
  if (!info) {
    // An alert without info (e.g. a bare Cancel) still becomes a record of what was received.
    return {
      level: "blue", headline: alert.note ?? alert.identifier, description: alert.note ?? alert.identifier, instruction: "", event: "", senderName: null,
      area: { description: "", polygons: [], circles: [], unitCodes: [] }, effectiveAt: sent, expiresAt: new Date(sent.getTime() + DEFAULT_VALIDITY_MS),
      public: alert.scope === "Public", exercise: alert.status !== "Actual", incidentTypeCode: null,
    };
  }
  const effectiveAt = new Date(info.effective ?? info.onset ?? alert.sent);
  const areas: CapArea[] = info.areas;
  return {
    level: levelOf(info),
    headline: (info.headline ?? info.event).slice(0, 200),
    description: (info.description ?? info.headline ?? info.event).slice(0, 4000),
    instruction: (info.instruction ?? "").slice(0, 4000),
    event: info.event,
    senderName: info.senderName ?? null,
    area: {
      description: areas.map((a) => a.areaDesc).join("；").slice(0, 500),
      polygons: areas.flatMap((a) => a.polygons),
      // A warning's circle has a positive radius; CAP allows 0 (a point), kept as a 10 m circle.
      circles: areas.flatMap((a) => a.circles.map((c) => ({ ...c, radiusKm: Math.max(c.radiusKm, MIN_RADIUS_KM) }))),
      unitCodes: areas.flatMap((a) => a.geocodes.filter((g) => g.valueName === GEOCODE_AREA).map((g) => g.value)),
    },
    effectiveAt,
    expiresAt: info.expires ? new Date(info.expires) : new Date(effectiveAt.getTime() + DEFAULT_VALIDITY_MS),
    public: alert.scope === "Public",
    exercise: alert.status !== "Actual",
    incidentTypeCode: info.eventCodes.find((c) => c.valueName === EVENT_CODE_TYPE)?.value ?? null,
  };
}

export interface WarningForCap {
  identifier: string;
  sender: string;
  sent: Date;
  msgType: "Alert" | "Update" | "Cancel";
  references: { sender: string; identifier: string; sent: Date }[];
  note: string | null;
  level: WarningLevel;
  headline: string;
  description: string;
  instruction: string;
  event: string;
  category: string;
  senderName: string;
  area: { description: string; polygons: [number, number][][]; circles: { lat: number; lon: number; radiusKm: number }[]; unitCodes: string[] };
  effectiveAt: Date;
  expiresAt: Date;
  public: boolean;
  exercise: boolean;
  incidentTypeCode: string | null;
  web: string | null;
}

/** Our warning as a CAP 1.2 alert; warningDraftFromCap(capFromWarning(w)) gives back its content. */
export function capFromWarning(w: WarningForCap): CapAlert {
  const area: CapArea = {
    areaDesc: w.area.description || "见预警内容",
    polygons: w.area.polygons,
    circles: w.area.circles,
    geocodes: w.area.unitCodes.map((value) => ({ valueName: GEOCODE_AREA, value })),
  };
  const urgent = w.level === "red" || w.level === "orange";
  const info: CapInfo = {
    language: "zh-CN",
    category: [w.category],
    event: w.event,
    responseType: w.msgType === "Cancel" ? ["AllClear"] : ["Prepare"],
    urgency: urgent ? "Immediate" : "Expected",
    severity: LEVEL_SEVERITY[w.level],
    certainty: "Likely",
    eventCodes: w.incidentTypeCode ? [{ valueName: EVENT_CODE_TYPE, value: w.incidentTypeCode }] : [],
    effective: shanghaiIso(w.effectiveAt),
    expires: shanghaiIso(w.expiresAt),
    senderName: w.senderName,
    headline: w.headline,
    description: w.description,
    ...(w.instruction ? { instruction: w.instruction } : {}),
    ...(w.web ? { web: w.web } : {}),
    parameters: [{ valueName: PARAMETER_LEVEL, value: LEVEL_ZH[w.level] }],
    resources: [],
    areas: [area],
  };
  return {
    identifier: w.identifier,
    sender: w.sender,
    sent: shanghaiIso(w.sent),
    status: w.exercise ? "Exercise" : "Actual",
    msgType: w.msgType,
    scope: w.public ? "Public" : "Restricted",
    ...(w.public ? {} : { restriction: "仅限应急管理相关单位" }),
    codes: [],
    ...(w.note ? { note: w.note } : {}),
    references: w.references.map((r) => ({ sender: r.sender, identifier: r.identifier, sent: shanghaiIso(r.sent) })),
    infos: [info],
  };
}
