import { QueryClientProvider } from "@tanstack/react-query";
import { ConfigProvider, DotLoading, Toast } from "antd-mobile";
import enUS from "antd-mobile/es/locales/en-US";
import zhCN from "antd-mobile/es/locales/zh-CN";
import { lazy, Suspense, useEffect, useMemo, useState, type ComponentType } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { UnauthorizedBridge } from "../app/auth/UnauthorizedBridge.tsx";
import { I18nProvider } from "../app/i18n/I18nProvider.tsx";
import { useI18n } from "../app/i18n/useI18n.ts";
import { applyLibraryLocale } from "../app/language.ts";
import { setNotifier } from "../app/notify.ts";
import { createQueryClient } from "../app/query-client.ts";
import { ContactsPage } from "./ContactsPage.tsx";
import { MobileGate } from "./MobileGate.tsx";
import { MobileLogin } from "./MobileLogin.tsx";
import { MobileShell } from "./MobileShell.tsx";
import { startKeeping } from "./offline/kept-queries.ts";
import "./incidents/incidents.css";
import "./warnings/warnings.css";

/**
 * The pages behind the first screen load when first opened (the map page brings Leaflet), so the
 * first load carries only the sign-in page, the frame and the contact list. The service worker
 * keeps every page for offline use (web/build/sw-precache.ts).
 */
function later<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType {
  const Page: ComponentType = lazy(() => load().then((m) => ({ default: m[name] as ComponentType })));
  return function LaterPage() {
    return (
      <Suspense fallback={<div style={{ textAlign: "center", padding: 32 }}><DotLoading /></div>}>
        <Page />
      </Suspense>
    );
  };
}

const MyUnitPage = later(() => import("./MyUnitPage.tsx"), "MyUnitPage");
const ReportListPage = later(() => import("./incidents/ReportListPage.tsx"), "ReportListPage");
const ReportFormPage = later(() => import("./incidents/ReportFormPage.tsx"), "ReportFormPage");
const IncidentPage = later(() => import("./incidents/IncidentPage.tsx"), "IncidentPage");
const NearbyPage = later(() => import("./resources/NearbyPage.tsx"), "NearbyPage");
const WarningInboxPage = later(() => import("./warnings/WarningInboxPage.tsx"), "WarningInboxPage");
const WarningPage = later(() => import("./warnings/WarningPage.tsx"), "WarningPage");
const MePage = later(() => import("./MePage.tsx"), "MePage");

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
