import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import { useMe } from "../../app/auth/useMe.ts";
import { notifyError, notifySuccess } from "../../app/notify.ts";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { INC_KEYS } from "../../modules/incidents/incidents.keys.ts";
import { flushQueue, queued } from "./offline-queue.ts";

const RETRY_MS = 20_000;

/**
 * The queued reports of the signed-in user, sent when the app starts, when `online` fires and
 * every 20 s while any wait. Mounted once in the field app's shell (OutboxRunner); returns a send-now.
 */
export function useOfflineQueue() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const userId = useMe().data?.id;

  const flush = useCallback(async () => {
    if (!userId || queued(userId).length === 0) return;
    const { sent, dropped } = await flushQueue(userId);
    if (sent) {
      notifySuccess(t("inc.queueSent"));
      void qc.invalidateQueries({ queryKey: INC_KEYS.all });
    }
    for (const m of dropped) notifyError(m);
  }, [userId, qc, t]);

  useEffect(() => {
    void flush();
    const online = () => void flush();
    window.addEventListener("online", online);
    const timer = window.setInterval(() => {
      if (navigator.onLine) void flush();
    }, RETRY_MS);
    return () => {
      window.removeEventListener("online", online);
      window.clearInterval(timer);
    };
  }, [userId, flush]);

  return flush;
}
