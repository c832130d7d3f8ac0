import { useQuery } from "@tanstack/react-query";
import type { TodoList } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { TODO_KEYS } from "../todo.keys.ts";

/** Refreshed by live events; this poll covers what no event announces (a deadline passing, another unit's sector). */
const POLL_MS = 30_000;

/** The caller's to-do list (GET /api/todo). */
export function useTodo() {
  return useQuery({ queryKey: TODO_KEYS.list, queryFn: () => api<TodoList>("/api/todo"), refetchInterval: POLL_MS });
}
