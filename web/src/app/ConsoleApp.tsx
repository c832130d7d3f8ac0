import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { useMemo } from "react";
import { BrowserRouter } from "react-router";
import { I18nProvider } from "./i18n/I18nProvider.tsx";
import { useI18n } from "./i18n/useI18n.ts";
import { applyLibraryLocale } from "./language.ts";
import { NotifyBridge } from "./NotifyBridge.tsx";
import { createQueryClient } from "./query-client.ts";
import { ConsoleRoutes } from "./ConsoleRoutes.tsx";
import { consoleTheme } from "./theme.ts";
import { UnauthorizedBridge } from "./auth/UnauthorizedBridge.tsx";

function Themed() {
  const { lang } = useI18n();
  applyLibraryLocale(lang);
  return (
    <ConfigProvider locale={lang === "zh" ? zhCN : enUS} theme={consoleTheme} componentSize="middle">
      <AntApp>
        <NotifyBridge />
        <BrowserRouter>
          <UnauthorizedBridge loginPath="/login" />
          <ConsoleRoutes />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function ConsoleApp() {
  const queryClient = useMemo(createQueryClient, []);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </QueryClientProvider>
  );
}
