import { Button, ErrorBlock } from "antd-mobile";
import { useI18n } from "../app/i18n/useI18n.ts";

/** For a role that may not read contacts or units (the auditor): say so, and point to the console. */
export function MobileNoAccess() {
  const { t } = useI18n();
  return (
    <div className="m-page-pad" data-testid="m-no-access">
      <ErrorBlock status="empty" title={t("m.noAccessTitle")} description={t("m.noAccessDesc")} />
      <Button block color="primary" size="large" style={{ marginTop: 16 }} onClick={() => window.location.assign("/")}>
        {t("m.openConsole")}
      </Button>
    </div>
  );
}
