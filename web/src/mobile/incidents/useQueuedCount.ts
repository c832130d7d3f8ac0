import { useEffect, useState } from "react";
import { useMe } from "../../app/auth/useMe.ts";
import { queued, QUEUE_CHANGED } from "./offline-queue.ts";

/** How many of the signed-in user's reports wait in the offline queue (live). */
export function useQueuedCount(): number {
  const userId = useMe().data?.id;
  const [count, setCount] = useState(() => queued(userId).length);
  useEffect(() => {
    const update = () => setCount(queued(userId).length);
    update();
    window.addEventListener(QUEUE_CHANGED, update);
    window.addEventListener("storage", update);
    return () => {
      window.removeEventListener(QUEUE_CHANGED, update);
      window.removeEventListener("storage", update);
    };
  }, [userId]);
  return count;
}
