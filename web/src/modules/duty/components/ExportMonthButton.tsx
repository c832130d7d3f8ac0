import { DownloadOutlined } from "@ant-design/icons";
import { Button } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { download, withQuery } from "../../../app/api.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { notifyError } from "../../../app/notify.ts";

/** Downloads a unit's roster of one month in Excel (for printing and posting in the duty room). */
export function ExportMonthButton({ unitId, month }: { unitId: string; month: Dayjs }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const get = async () => {
    setBusy(true);
    try {
      const m = month.format("YYYY-MM");
      await download(withQuery("/api/duty/shifts/export.xlsx", { unitId, month: m }), `roster-${m}.xlsx`);
    } catch (err) {
      notifyError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={get} data-testid="roster-export">
      {t("duty.roster.export")}
    </Button>
  );
}
