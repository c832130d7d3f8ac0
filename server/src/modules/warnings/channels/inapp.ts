/**
 * In-app: the delivery row is the inbox entry, and the release already went out live over SSE
 * (warning.released on every target unit's stream); handing it over cannot fail.
 */
import type { ChannelAdapter, SendResult } from "./channel.ts";

export const inAppAdapter: ChannelAdapter = {
  channel: "inapp",
  send: async (): Promise<SendResult> => ({ ok: true, status: "delivered" }),
};
