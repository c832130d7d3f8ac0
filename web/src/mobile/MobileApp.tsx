import { QueryClientProvider } from "@tanstack/react-query";
import { ConfigProvider, Toast } from "antd-mobile";
import enUS from "antd-mobile/es/locales/en-US";
import zhCN from "antd-mobile/es/locales/zh-CN";
import { useEffect, useMemo, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { UnauthorizedBridge } from "../app/auth/UnauthorizedBridge.tsx";
import { I18nProvider } from "../app/i18n/I18nProvider.tsx";
import { useI18n } from "../app/i18n/useI18n.ts";
import { applyLibraryLocale } from "../app/language.ts";
import { setNotifier } from "../app/notify.ts";
import { createQueryClient } from "../app/query-client.ts";
import { ContactsPage } from "./ContactsPage.tsx";
import { MePage } from "./MePage.tsx";
import { MobileGate } from "./MobileGate.tsx";
import { MobileLogin } from "./MobileLogin.tsx";
import { MobileShell } from "./MobileShell.tsx";
import { MyUnitPage } from "./MyUnitPage.tsx";
import { startKeeping } from "./offline/kept-queries.ts";
import { IncidentPage } from "./incidents/IncidentPage.tsx";
import { NearbyPage } from "./resources/NearbyPage.tsx";
import { ReportFormPage } from "./incidents/ReportFormPage.tsx";
import { ReportListPage } from "./incidents/ReportListPage.tsx";
import "./incidents/incidents.css";
import { WarningInboxPage } from "./warnings/WarningInboxPage.tsx";
import { WarningPage } from "./warnings/WarningPage.tsx";
import "./warnings/warnings.css";

function Localised() {
  const { lang } = useI18n();
  applyLibraryLocale(lang);
  useEffect(() => {
    setNotifier(
      (text) => Toast.show({ icon: "fail", content: text }),
      (text) => Toast.show({ icon: "success", content: text }),
    );
  }, []);
  return (
    <ConfigProvider locale={lang === "zh" ? zhCN : enUS}>
      <BrowserRouter>
        <UnauthorizedBridge loginPath="/m/login" />
        <Routes>
          <Route path="/m/login" element={<MobileLogin />} />
          <Route element={<MobileGate />}>
            <Route element={<MobileShell />}>
              <Route path="/m/contacts" element={<ContactsPage />} />
              <Route path="/m/unit" element={<MyUnitPage />} />
              <Route path="/m/report" element={<ReportListPage />} />
              <Route path="/m/report/new" element={<ReportFormPage />} />
              <Route path="/m/report/:id" element={<IncidentPage />} />
              <Route path="/m/nearby" element={<NearbyPage />} />
              <Route path="/m/warnings" element={<WarningInboxPage />} />
              <Route path="/m/warnings/:id" element={<WarningPage />} />
              <Route path="/m/me" element={<MePage />} />
            </Route>
          </Route>
          <Route path="*" element={<Navigate to="/m/contacts" replace />} />
        </Routes>
      </BrowserRouter>
    </ConfigProvider>
  );
}

export function MobileApp() {
  const queryClient = useMemo(createQueryClient, []);
  // What is kept on the phone goes into the cache before the first render: no spinner, no /me round trip offline.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void startKeeping(queryClient).finally(() => setReady(true));
  }, [queryClient]);
  if (!ready) return null;
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Localised />
      </I18nProvider>
    </QueryClientProvider>
  );
}
