import { DownloadOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useState } from "react";
import { download } from "../../../app/api.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { notifyError } from "../../../app/notify.ts";

/** Downloads the failures as a notice (抽查情况通报) in Excel. */
export function ExportFailuresButton() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const get = async () => {
    setBusy(true);
    try {
      await download("/api/duty/spot-checks/failures.xlsx", "spot-check-failures.xlsx");
    } catch (err) {
      notifyError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" icon={<DownloadOutlined />} loading={busy} onClick={get} data-testid="spot-failures-export">
      {t("duty.spot.export")}
    </Button>
  );
}
