import type { DeliveryStatus, WarningLevel, WarningStatus } from "@yingji/contracts";

/** Level colours as officials know them (红橙黄蓝), for antd tags. */
export const LEVEL_COLORS: Record<WarningLevel, string> = { red: "#cf1322", orange: "#fa8c16", yellow: "#d4b106", blue: "#1677ff" };

export const STATUS_COLORS: Record<WarningStatus, string> = {
  draft: "default", pending_approval: "warning", released: "processing", updated: "processing", cancelled: "default", expired: "default",
};

export const DELIVERY_COLORS: Record<Exclude<DeliveryStatus, "sending">, string> = {
  queued: "#bfbfbf", sent: "#69b1ff", delivered: "#1677ff", read: "#52c41a", failed: "#ff4d4f",
};
