import { createContext, useCallback, useMemo, useState, type ReactNode } from "react";
import { DICT, type DictKey } from "./dict.ts";
import { storedLang, storeLang, type Bilingual, type Lang } from "./lang.ts";

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** The dictionary entry in the current language; `{name}` placeholders filled from vars. */
  t: (key: DictKey, vars?: Record<string, string | number>) => string;
  /** A contracts label pair ({ zh, en }) in the current language. */
  l: (label: Bilingual) => string;
}

export const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => {
        let s: string = DICT[key][lang === "zh" ? 0 : 1];
        if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
        return s;
      },
      l: (label) => label[lang],
    }),
    [lang, setLang],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}
