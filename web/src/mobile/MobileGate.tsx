import { Button, DotLoading, ErrorBlock } from "antd-mobile";
import { Navigate, Outlet, useLocation } from "react-router";
import { useMe } from "../app/auth/useMe.ts";
import { useI18n } from "../app/i18n/useI18n.ts";
import { MobilePending } from "./MobilePending.tsx";

export function MobileGate() {
  const { t } = useI18n();
  const { data: me, isPending, error, refetch, isFetching } = useMe();
  const location = useLocation();
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
  if (!me) return <Navigate to="/m/login" replace state={{ from: location.pathname }} />;
  if (me.mustChangePassword || me.mustEnrollTotp) return <MobilePending me={me} />;
  return <Outlet />;
}
