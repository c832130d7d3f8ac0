import { useQuery } from "@tanstack/react-query";
import { InboxItem } from "@yingji/contracts";
import type { z } from "zod";
import { api } from "../../../app/api.ts";
import { WARN_KEYS } from "../warnings.keys.ts";

export type Inbox = z.infer<typeof InboxItem>[];

/** The caller's inbox: warnings sent to them or their unit, with read and acknowledgement state. */
export function useInbox(enabled = true) {
  return useQuery({ queryKey: WARN_KEYS.inbox, queryFn: () => api<Inbox>("/api/warnings/inbox"), enabled });
}
