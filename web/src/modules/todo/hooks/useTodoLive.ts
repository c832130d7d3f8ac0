import { useQueryClient } from "@tanstack/react-query";
import { WARNING_EVENTS } from "@yingji/contracts";
import { useEffect } from "react";
import { TODO_KEYS } from "../todo.keys.ts";

/** Events after which someone's to-do may have changed (a report arrived or moved on, a warning, an instruction, stock). */
const TODO_EVENTS = ["incident.created", "report.submitted", "report.forwarded", "instruction.added", "flag.raised", "stock.changed", ...WARNING_EVENTS];

/** While mounted (the console shell), every such live event refreshes the to-do list and the centre. */
export function useTodoLive(enabled = true) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const es = new EventSource("/api/events", { withCredentials: true });
    let timer: number | undefined;
    // A burst of events (a district-wide warning) refreshes once.
    const refresh = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void qc.invalidateQueries({ queryKey: TODO_KEYS.all }), 300);
    };
    for (const type of TODO_EVENTS) es.addEventListener(type, refresh);
    return () => {
      window.clearTimeout(timer);
      es.close();
    };
  }, [qc, enabled]);
}
