import type { NotificationItem, TodoItem } from "@yingji/contracts";
import { useEffect, useRef } from "react";
import { beep } from "../../incidents/beep.ts";

const HOUR = 3_600_000;

function popUp(title: string, body: string, link: string) {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  try {
    const n = new Notification(title, { body, tag: link });
    n.onclick = () => {
      window.focus();
      window.location.assign(link);
    };
  } catch {
    /* some browsers allow notifications only from a service worker */
  }
}

/**
 * Alerts: a sound and the browser's notification for a new unread entry of a kind the user has
 * not muted, and for every to-do item that comes within the hour of its deadline (a deadline
 * cannot be muted). Each entry and each item alerts once per page load; the first load only
 * remembers what is already there.
 */
export function useDueAlerts(todo: TodoItem[] | undefined, centre: NotificationItem[] | undefined, dueText: (title: string) => string) {
  const seen = useRef<Set<string> | null>(null);
  const dueSeen = useRef(new Set<string>());
  useEffect(() => {
    if (!centre) return;
    if (!seen.current) {
      seen.current = new Set(centre.map((n) => n.id));
      return;
    }
    const fresh = centre.filter((n) => !seen.current!.has(n.id) && !n.readAt);
    for (const n of centre) seen.current.add(n.id);
    const loud = fresh.filter((n) => !n.muted);
    if (loud.length === 0) return;
    beep();
    for (const n of loud.slice(0, 3)) popUp(n.title, n.detail ?? "", n.link);
  }, [centre]);
  useEffect(() => {
    if (!todo) return;
    const check = () => {
      const now = Date.now();
      const due = todo.filter((i) => i.deadline && !dueSeen.current.has(i.key) && Date.parse(i.deadline) - now <= HOUR && Date.parse(i.deadline) > now);
      if (due.length === 0) return;
      for (const i of due) dueSeen.current.add(i.key);
      beep();
      for (const i of due.slice(0, 3)) popUp(dueText(i.title), i.detail ?? "", i.link);
    };
    check();
    const id = window.setInterval(check, 30_000);
    return () => window.clearInterval(id);
  }, [todo, dueText]);
}
