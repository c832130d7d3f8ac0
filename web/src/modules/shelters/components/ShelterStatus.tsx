import { SHELTER_STATUS, type ShelterStatus as Status } from "@yingji/contracts";
import { Flex, Progress, Tag } from "antd";
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
        <Progress
          percent={pct}
          size={[90, 8]}
          status={status === "full" ? "exception" : "active"}
          format={() => `${occupancy}/${capacity}`}
          style={{ margin: 0, minWidth: 150 }}
        />
      )}
    </Flex>
  );
}
