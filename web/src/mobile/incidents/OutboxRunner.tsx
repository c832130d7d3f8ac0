import { useOfflineQueue } from "./useOfflineQueue.ts";

/** Sends the offline queue on start, on `online` and periodically; renders nothing. */
export function OutboxRunner() {
  useOfflineQueue();
  return null;
}
