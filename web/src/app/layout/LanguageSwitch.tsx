import { Segmented } from "antd";
import { useI18n } from "../i18n/useI18n.ts";
import type { Lang } from "../i18n/lang.ts";

export function LanguageSwitch({ dark }: { dark?: boolean }) {
  const { lang, setLang } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      className={dark ? "lang-switch lang-switch-dark" : "lang-switch"}
      value={lang}
      onChange={setLang}
      options={[
        { label: "中文", value: "zh" },
        { label: "EN", value: "en" },
      ]}
      data-testid="lang-switch"
    />
  );
}
