import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { MAP_KEYS } from "../map.keys.ts";

/** Events that change what the map shows: a registry row (`<key>.changed`), stock, a new incident. */
const EVENTS: Record<string, string[]> = {
  "teams.changed": ["teams"],
  "experts.changed": ["experts"],
  "volunteers.changed": ["volunteers"],
  "warehouses.changed": ["warehouses"],
  "shelters.changed": ["shelters"],
  "stock.changed": ["warehouses"],
  "incident.created": ["incidents"],
};

/**
 * Keeps the map live while it is open: GET /api/events (SSE, scoped to the user's subtree);
 * each resource event refreshes that layer and the nearest search.
 */
export function useResourcesLive() {
  const qc = useQueryClient();
  useEffect(() => {
    const es = new EventSource("/api/events", { withCredentials: true });
    const listener = (e: MessageEvent) => {
      for (const kind of EVENTS[e.type] ?? []) void qc.invalidateQueries({ queryKey: ["map", "layer", kind] });
      void qc.invalidateQueries({ queryKey: MAP_KEYS.nearest({}).slice(0, 2) });
    };
    for (const type of Object.keys(EVENTS)) es.addEventListener(type, listener as EventListener);
    return () => es.close();
  }, [qc]);
}
