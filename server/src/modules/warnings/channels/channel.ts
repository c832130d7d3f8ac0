/** What a delivery channel adapter gets and answers. */
import type { WarningChannel, WarningLevel } from "@yingji/contracts";

export interface OutgoingMessage {
  deliveryId: number;
  idempotencyKey: string;
  personId: string;
  address: string | null;
  warningId: string;
  kind: "warning" | "escalation";
  level: WarningLevel;
  status: string;
  headline: string;
  instruction: string;
  description: string;
  link: string;
}

/** delivered: the other end confirmed receipt; sent: handed over, no receipt yet. */
export type SendResult = { ok: true; status: "sent" | "delivered"; providerId?: string } | { ok: false; error: string; permanent?: boolean };

export interface ChannelAdapter {
  channel: WarningChannel;
  send(m: OutgoingMessage): Promise<SendResult>;
  /** Messages per request when the other end takes several at once (each still with its own idempotency key). */
  batchSize?: number;
  sendBatch?(ms: OutgoingMessage[]): Promise<SendResult[]>;
  close?(): Promise<void>;
}
