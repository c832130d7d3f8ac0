/** Query keys of the to-do list and the notification centre; live events invalidate `TODO_KEYS.all`. */
export const TODO_KEYS = {
  all: ["todo"] as const,
  list: ["todo", "list"] as const,
  notifications: ["todo", "notifications"] as const,
  mutes: ["todo", "mutes"] as const,
};
