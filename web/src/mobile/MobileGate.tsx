import { Button, DotLoading, ErrorBlock } from "antd-mobile";
import { Navigate, Outlet, useLocation } from "react-router";
import { useMe } from "../app/auth/useMe.ts";
import { useI18n } from "../app/i18n/useI18n.ts";
import { MobilePending } from "./MobilePending.tsx";
import { useOnline } from "./offline/useOnline.ts";

/**
 * Lets the signed-in user in. The user kept on the phone counts as signed in while the server
 * cannot be asked (no signal, or a failed /me): the app shows what it keeps and queues reports.
 */
export function MobileGate() {
  const { t } = useI18n();
  const { data: me, isPending, error, refetch, isFetching } = useMe();
  const online = useOnline();
  const location = useLocation();
  if (me) {
    if (me.mustChangePassword || me.mustEnrollTotp) return <MobilePending me={me} />;
    return <Outlet />;
  }
  if (isPending && !online)
    return (
      <ErrorBlock status="disconnected" title={t("m.offlineNoUser")} description={t("m.offlineNoUserDesc")} data-testid="m-offline-no-user" />
    );
  if (isPending)
    return (
      <div className="m-center">
        <DotLoading color="primary" />
      </div>
    );
  if (error)
    return (
      <ErrorBlock status="disconnected" title={t("common.loadFailed")} description={error.message}>
        <Button color="primary" size="large" loading={isFetching} onClick={() => void refetch()} data-testid="m-retry">
          {t("common.retry")}
        </Button>
      </ErrorBlock>
    );
  return <Navigate to="/m/login" replace state={{ from: location.pathname }} />;
}
