import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { INC_KEYS } from "../incidents.keys.ts";

export const LIVE_TYPES = ["incident.created", "report.submitted", "report.forwarded", "instruction.added", "flag.raised"] as const;
export type LiveType = (typeof LIVE_TYPES)[number];

export interface LiveEvent {
  id: string;
  type: LiveType;
  at: string;
  data: { incidentId?: string; title?: string; level?: string; kind?: string; text?: string; byName?: string; [k: string]: unknown };
}

/**
 * Subscribes to GET /api/events (Server-Sent Events) while mounted: each incidents event
 * refreshes the lists, the statistics and that incident and is handed to `onEvent`. Returns whether the stream is open.
 */
export function useLiveEvents(onEvent?: (e: LiveEvent) => void): boolean {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    const es = new EventSource("/api/events", { withCredentials: true });
    es.onopen = () => setOpen(true);
    es.onerror = () => setOpen(false);
    const listener = (msg: MessageEvent<string>) => {
      let parsed: Omit<LiveEvent, "id">;
      try {
        parsed = JSON.parse(msg.data) as Omit<LiveEvent, "id">;
      } catch {
        return;
      }
      // The lists and statistics, and the one incident the event is about (not every open detail).
      void qc.invalidateQueries({ queryKey: ["incidents", "list"] });
      void qc.invalidateQueries({ queryKey: ["incidents", "stats"] });
      const incidentId = (parsed.data as { incidentId?: unknown } | null)?.incidentId;
      if (typeof incidentId === "string") void qc.invalidateQueries({ queryKey: INC_KEYS.one(incidentId) });
      handler.current?.({ ...parsed, id: msg.lastEventId || String(Date.now()) });
    };
    for (const type of LIVE_TYPES) es.addEventListener(type, listener as EventListener);
    return () => es.close();
  }, [qc]);
  return open;
}
