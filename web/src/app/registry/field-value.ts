import type { IncidentType } from "@yingji/contracts";
import type { FieldDecl } from "@yingji/contracts/registry";
import type { Lang } from "../i18n/lang.ts";
import { formatTime } from "../time.ts";

/** Words a value needs that no declaration holds. */
export interface ValueContext {
  lang: Lang;
  yes: string;
  no: string;
  /** Incident types by id, for capability and specialty fields. */
  types?: Map<string, IncidentType>;
}

/** One declared field's value as text for a list cell, a detail row, or a map popup. */
export function fieldText(f: Pick<FieldDecl, "kind" | "options" | "suffix">, value: unknown, ctx: ValueContext): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value) && value.length === 0) return "—";
  const suffix = f.suffix ? ` ${f.suffix}` : "";
  switch (f.kind) {
    case "enum":
      return f.options?.[value as string]?.[ctx.lang] ?? String(value);
    case "enumSet":
      return (value as string[]).map((v) => f.options?.[v]?.[ctx.lang] ?? v).join("、");
    case "incidentTypes":
      return (value as string[])
        .map((id) => {
          const t = ctx.types?.get(id);
          return t ? (ctx.lang === "zh" ? t.name : t.nameEn || t.name) : "…";
        })
        .join("、");
    case "tags":
      return (value as string[]).join("、");
    case "boolean":
      return value ? ctx.yes : ctx.no;
    case "datetime":
      return formatTime(value as string);
    case "integer":
    case "number":
      return `${Number(value).toLocaleString(ctx.lang === "zh" ? "zh-CN" : "en-US")}${suffix}`;
    case "rows":
    case "files":
      return String((value as unknown[]).length);
    default:
      return `${String(value)}${suffix}`;
  }
}

/** The tone of a status-like enum value: ready/open read well, deployed/full need attention, closed is off. */
export function statusTone(value: string | null | undefined): "ok" | "warn" | "off" | undefined {
  if (!value) return undefined;
  if (["ready", "open", "available", "active", "paid", "returned"].includes(value)) return "ok";
  if (["deployed", "full", "busy", "pending", "decided", "requisitioned"].includes(value)) return "warn";
  if (["unavailable", "closed", "inactive", "consumed"].includes(value)) return "off";
  return undefined;
}

/** Metres as 850 米 / 1.2 公里 (or m / km). */
export function distanceText(m: number, lang: Lang): string {
  if (m < 1000) return lang === "zh" ? `${Math.round(m)} 米` : `${Math.round(m)} m`;
  const km = m < 10_000 ? (m / 1000).toFixed(1) : String(Math.round(m / 1000));
  return lang === "zh" ? `${km} 公里` : `${km} km`;
}
