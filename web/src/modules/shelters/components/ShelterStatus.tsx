import { SHELTER_STATUS, type ShelterStatus as Status } from "@yingji/contracts";
import "../shelters.css";
import { Flex, Tag } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import type { RegistryRow } from "../../../app/registry/registry.types.ts";

const COLORS: Record<Status, string> = { ready: "success", open: "processing", full: "error", closed: "default" };

/** A shelter's status, and while open or full how full it is (occupancy / capacity). */
export function ShelterStatus({ r }: { r: RegistryRow }) {
  const { l } = useI18n();
  const status = r.status as Status;
  const capacity = Number(r.capacity ?? 0);
  const occupancy = Number(r.occupancy ?? 0);
  const showFill = status === "open" || status === "full";
  const pct = capacity > 0 ? Math.min(100, Math.round((occupancy / capacity) * 100)) : 0;
  return (
    <Flex gap={8} align="center" data-testid={`shelter-status-${r.id}`} data-status={status}>
      <Tag color={COLORS[status] ?? "default"} style={{ marginInlineEnd: 0 }}>
        {status in SHELTER_STATUS ? l(SHELTER_STATUS[status]) : status}
      </Tag>
      {showFill && (
        <span className="shelter-fill" title={`${occupancy}/${capacity}`}>
          <span className="shelter-fill-bar">
            <span className={status === "full" ? "shelter-fill-full" : "shelter-fill-open"} style={{ width: `${pct}%` }} />
          </span>
          <span className={status === "full" ? "shelter-fill-text-full" : undefined}>
            {occupancy}/{capacity}
          </span>
        </span>
      )}
    </Flex>
  );
}
