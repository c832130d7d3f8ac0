/** The two languages of the UI: Chinese first, English second. The choice lives in localStorage. */
export type Lang = "zh" | "en";

const KEY = "yingji.lang";

export function storedLang(): Lang {
  try {
    return localStorage.getItem(KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

export function storeLang(lang: Lang) {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
}

/** A label pair as the contracts declare them ({ zh, en }). */
export interface Bilingual {
  zh: string;
  en: string;
}

export function pick(label: Bilingual, lang: Lang): string {
  return label[lang];
}
