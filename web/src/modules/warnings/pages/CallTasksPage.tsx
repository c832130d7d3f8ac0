import "../warnings.css";
import { Card, Switch } from "antd";
import { useState } from "react";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { CallTaskList } from "../components/CallTaskList.tsx";
import { useCallTasks } from "../hooks/useCallTasks.ts";
import { useWarningLive } from "../hooks/useWarningLive.ts";

/** 催办任务: every unit past its acknowledgement deadline, with the phones to call. */
export function CallTasksPage() {
  const { t } = useI18n();
  const [open, setOpen] = useState(true);
  const calls = useCallTasks(open);
  useWarningLive();
  return (
    <div className="page" data-testid="warn-calls-page">
      <PageHeader title={t("nav.warn.calls")} sub={t("warn.callsSub")} extra={<span><Switch size="small" checked={open} onChange={setOpen} /> {t("warn.openOnly")}</span>} />
      <Card size="small" loading={calls.isPending}>
        <CallTaskList tasks={calls.data ?? []} showWarning />
      </Card>
    </div>
  );
}
