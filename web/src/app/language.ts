/** Locale of the libraries (antd, dayjs, zod messages) for a UI language. */
import { z } from "zod";
import { dayjs } from "./time.ts";
import type { Lang } from "./i18n/lang.ts";

export function applyLibraryLocale(lang: Lang) {
  dayjs.locale(lang === "zh" ? "zh-cn" : "en");
  z.config(lang === "zh" ? z.locales.zhCN() : z.locales.en());
}
