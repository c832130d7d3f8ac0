import { NoticeBar } from "antd-mobile";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { dayjs, TZ } from "../../app/time.ts";
import { useOnline } from "./useOnline.ts";

/**
 * Says that the page shows what is kept on the phone, and since when: shown when there is no
 * network, or when the server could not be reached (`failed`).
 */
export function KeptNotice({ refreshedAt, failed = false }: { refreshedAt: number | undefined; failed?: boolean }) {
  const { t } = useI18n();
  const online = useOnline();
  if (online && !failed) return null;
  const when = refreshedAt ? dayjs(refreshedAt).tz(TZ).format(dayjs(refreshedAt).tz(TZ).isSame(dayjs().tz(TZ), "day") ? "HH:mm" : "MM-DD HH:mm") : null;
  return (
    <NoticeBar
      className="m-kept-notice"
      color="info"
      data-testid="m-kept-notice"
      content={when ? t("m.keptAt", { time: when }) : t("m.keptNone")}
    />
  );
}
