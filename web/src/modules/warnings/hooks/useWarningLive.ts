import { useQueryClient } from "@tanstack/react-query";
import { WARNING_EVENTS, type WarningEventType } from "@yingji/contracts";
import { useEffect, useRef, useState } from "react";
import { WARN_KEYS } from "../warnings.keys.ts";

export interface WarningLiveEvent {
  type: WarningEventType;
  data: { warningId?: string; headline?: string; level?: string; unitName?: string; [k: string]: unknown };
}

/**
 * Subscribes to GET /api/events (SSE) while mounted: every warnings event refreshes the
 * warnings queries (lists, inbox, the warning and its tracking) and is handed to `onEvent`.
 * Returns whether the stream is open.
 */
export function useWarningLive(onEvent?: (e: WarningLiveEvent) => void, enabled = true): boolean {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (!enabled) return;
    const es = new EventSource("/api/events", { withCredentials: true });
    es.onopen = () => setOpen(true);
    es.onerror = () => setOpen(false);
    const listener = (msg: MessageEvent<string>) => {
      let parsed: WarningLiveEvent;
      try {
        parsed = JSON.parse(msg.data) as WarningLiveEvent;
      } catch {
        return;
      }
      void qc.invalidateQueries({ queryKey: WARN_KEYS.all });
      handler.current?.({ type: (msg.type as WarningEventType) ?? parsed.type, data: parsed.data ?? {} });
    };
    for (const type of WARNING_EVENTS) es.addEventListener(type, listener as EventListener);
    return () => es.close();
  }, [qc, enabled]);
  return open;
}
