import type { IncidentFlagKind, IncidentLevel } from "@yingji/contracts";

export const LEVEL_COLORS: Record<IncidentLevel, string> = { I: "red", II: "orange", III: "gold", IV: "blue" };
export const FLAG_COLORS: Record<IncidentFlagKind, string> = {
  late: "orange",
  overdue: "red",
  not_reported_by_unit: "magenta",
  level_understated: "purple",
  casualty_late: "volcano",
};
export const DEADLINE_STATUS_COLORS = { met: "green", late: "orange", pending: "blue", overdue: "red" } as const;

/** "2小时05分" / "2h 05m" style duration for a countdown. */
export function formatSpan(ms: number, zh: boolean): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (zh) return d ? `${d}天${h}小时` : h ? `${h}小时${pad(m)}分` : `${m}分${pad(s)}秒`;
  return d ? `${d}d ${h}h` : h ? `${h}h ${pad(m)}m` : `${m}m ${pad(s)}s`;
}
