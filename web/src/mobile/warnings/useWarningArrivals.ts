import { Toast } from "antd-mobile";
import { useCan } from "../../app/auth/useCan.ts";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { useInbox } from "../../modules/warnings/hooks/useInbox.ts";
import { useWarningLive } from "../../modules/warnings/hooks/useWarningLive.ts";

/**
 * For the whole field app (mounted by the shell): one live subscription that refreshes the
 * warnings everywhere and announces a new one whatever tab is open; returns how many warnings
 * in force the user's unit has not acknowledged yet (the 预警 tab's badge).
 */
export function useWarningArrivals(): number {
  const { t } = useI18n();
  const can = useCan();
  const enabled = can("warnings.read");
  const inbox = useInbox(enabled);
  useWarningLive((e) => {
    if (e.type === "warning.released" && e.data.headline) Toast.show({ content: t("warn.newArrived", { headline: String(e.data.headline) }), duration: 4000 });
  }, enabled);
  return (inbox.data ?? []).filter((w) => !w.unitAcked && (w.status === "released" || w.status === "updated")).length;
}
