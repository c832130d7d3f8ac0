import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { NotificationList, NotificationMutes, TodoKind } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { TODO_KEYS } from "../todo.keys.ts";

const POLL_MS = 30_000;

/** The notification centre (GET /api/notifications): latest entries and the unread count. */
export function useNotifications() {
  return useQuery({ queryKey: TODO_KEYS.notifications, queryFn: () => api<NotificationList>("/api/notifications"), refetchInterval: POLL_MS });
}

/** Marks entries read (the given ids, or all); read instructions leave the to-do list too. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => api<{ marked: number }>("/api/notifications/read", { method: "POST", body: ids ? { ids } : {} }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: TODO_KEYS.all }),
  });
}

export function useMutes() {
  return useQuery({ queryKey: TODO_KEYS.mutes, queryFn: () => api<NotificationMutes>("/api/notifications/mutes") });
}

export function useSetMutes() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (kinds: TodoKind[]) => api<NotificationMutes>("/api/notifications/mutes", { method: "PUT", body: { kinds } }),
    onSuccess: (data) => {
      qc.setQueryData(TODO_KEYS.mutes, data);
      void qc.invalidateQueries({ queryKey: TODO_KEYS.notifications });
    },
  });
}
