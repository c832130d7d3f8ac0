import type { Dayjs } from "dayjs";
import { dayjs, TZ } from "../../app/time.ts";

/** The Shanghai calendar day a shift starts on, "YYYY-MM-DD" (a calendar cell's key). */
export const shiftDay = (iso: string) => dayjs(iso).tz(TZ).format("YYYY-MM-DD");

/** A Shanghai date and clock time as an ISO string with offset. */
export const shanghaiAt = (date: string, time: string) => dayjs.tz(`${date} ${time}`, TZ).format("YYYY-MM-DDTHH:mm:ssZ");

/** The Shanghai clock time of an instant, "HH:mm". */
export const clockOf = (iso: string) => dayjs(iso).tz(TZ).format("HH:mm");

/**
 * Pickers work in wall-clock time: "now" in Shanghai as a plain dayjs for their initial value, and
 * what the user picked read back as a Shanghai time, whatever the browser's zone.
 */
export const shanghaiNow = () => dayjs(dayjs().tz(TZ).format("YYYY-MM-DD HH:mm"));
export const wallToIso = (d: Dayjs) => shanghaiAt(d.format("YYYY-MM-DD"), d.format("HH:mm"));
