import { Segmented } from "antd-mobile";
import { useI18n } from "../app/i18n/useI18n.ts";
import type { Lang } from "../app/i18n/lang.ts";

export function MobileLangSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <Segmented
      value={lang}
      onChange={(v) => setLang(v as Lang)}
      options={[
        { label: "中文", value: "zh" },
        { label: "EN", value: "en" },
      ]}
      data-testid="lang-switch"
    />
  );
}
