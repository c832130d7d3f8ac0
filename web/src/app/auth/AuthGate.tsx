import { Result, Spin } from "antd";
import { Navigate, Outlet, useLocation } from "react-router";
import { useI18n } from "../i18n/useI18n.ts";
import { ChangePasswordPage } from "./ChangePasswordPage.tsx";
import { TotpEnrolPage } from "./TotpEnrolPage.tsx";
import { useMe } from "./useMe.ts";

/** Everything behind it needs a session that has finished its first-login steps. */
export function AuthGate() {
  const { t } = useI18n();
  const { data: me, isPending, error } = useMe();
  const location = useLocation();
  if (isPending) return <Spin size="large" fullscreen />;
  if (error) return <Result status="500" title={t("common.loadFailed")} subTitle={error.message} />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.mustChangePassword) return <ChangePasswordPage />;
  if (me.mustEnrollTotp) return <TotpEnrolPage />;
  return <Outlet />;
}
