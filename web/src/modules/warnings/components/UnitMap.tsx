import type { TrackedUnit } from "@yingji/contracts";
import { Tooltip } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";

const COLORS = { feedback: "#52c41a", acked: "#1677ff", waiting: "#bfbfbf", overdue: "#cf1322" } as const;

export function unitState(u: TrackedUnit): keyof typeof COLORS {
  return u.feedbackAt ? "feedback" : u.ackedAt ? "acked" : u.overdue ? "overdue" : "waiting";
}

/**
 * The target units placed by their location (no map tiles: the intranet often has none),
 * coloured by where they stand: reported, acknowledged, waiting, overdue.
 */
export function UnitMap({ units }: { units: TrackedUnit[] }) {
  const { t } = useI18n();
  const placed = units.filter((u) => u.lat !== null && u.lon !== null);
  if (placed.length === 0) return <div className="warn-map muted" style={{ display: "grid", placeItems: "center" }}>—</div>;
  const lats = placed.map((u) => u.lat!);
  const lons = placed.map((u) => u.lon!);
  const [minLat, maxLat, minLon, maxLon] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const W = 600;
  const H = 360;
  const pad = 24;
  // Same scale on both axes (corrected for latitude), so the district keeps its shape.
  const kx = Math.cos(((minLat + maxLat) / 2) * (Math.PI / 180));
  const spanX = Math.max((maxLon - minLon) * kx, 0.01);
  const spanY = Math.max(maxLat - minLat, 0.01);
  const scale = Math.min((W - 2 * pad) / spanX, (H - 2 * pad) / spanY);
  const x = (lon: number) => pad + ((lon - minLon) * kx) * scale + ((W - 2 * pad) - spanX * scale) / 2;
  const y = (lat: number) => H - pad - (lat - minLat) * scale - ((H - 2 * pad) - spanY * scale) / 2;
  // Waiting and overdue units drawn last, so they are never hidden under the others.
  const order = { feedback: 0, acked: 1, waiting: 2, overdue: 3 };
  const sorted = [...placed].sort((a, b) => order[unitState(a)] - order[unitState(b)]);
  return (
    <div data-testid="warn-map">
      <svg viewBox={`0 0 ${W} ${H}`} className="warn-map" role="img" aria-label={t("warn.map")}>
        {sorted.map((u) => {
          const s = unitState(u);
          const town = u.kind === "town";
          return (
            <Tooltip key={u.unitId} title={`${u.name} · ${s === "feedback" ? t("warn.fedBack") : s === "acked" ? t("warn.acked") : s === "overdue" ? t("warn.overdue") : t("warn.notAcked")} · ${t("warn.dueAt")} ${formatTime(u.dueAt)}`}>
              <circle cx={x(u.lon!)} cy={y(u.lat!)} r={town ? 8 : 5} fill={COLORS[s]} stroke="#fff" strokeWidth={1.5} opacity={0.9} />
            </Tooltip>
          );
        })}
      </svg>
      <div className="warn-map-legend">
        <span><i className="warn-dot" style={{ background: COLORS.feedback }} />{t("warn.fedBack")}</span>
        <span><i className="warn-dot" style={{ background: COLORS.acked }} />{t("warn.acked")}</span>
        <span><i className="warn-dot" style={{ background: COLORS.waiting }} />{t("warn.notAcked")}</span>
        <span><i className="warn-dot" style={{ background: COLORS.overdue }} />{t("warn.overdue")}</span>
      </div>
    </div>
  );
}
