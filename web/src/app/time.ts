/** Times travel as ISO strings and are always shown in Asia/Shanghai, whatever the browser's zone. */
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";
import "dayjs/locale/zh-cn";

dayjs.extend(utc);
dayjs.extend(timezone);

export const TZ = "Asia/Shanghai";

export function formatTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return "—";
  const d = dayjs(iso);
  return d.isValid() ? d.tz(TZ).format(withSeconds ? "YYYY-MM-DD HH:mm:ss" : "YYYY-MM-DD HH:mm") : iso;
}

/** Start or end of a calendar day in Shanghai, as an ISO string with offset (for ?from= / ?to=). */
export function shanghaiDayBound(date: dayjs.Dayjs, end: boolean): string {
  const d = dayjs.tz(date.format("YYYY-MM-DD"), TZ);
  return (end ? d.endOf("day") : d.startOf("day")).format("YYYY-MM-DDTHH:mm:ss.SSSZ");
}

export { dayjs };
