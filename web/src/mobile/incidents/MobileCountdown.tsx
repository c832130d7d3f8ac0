import { useEffect, useState } from "react";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { formatSpan } from "../../modules/incidents/incidents.labels.ts";

/** Time left to a deadline, ticking every second; red once overdue. */
export function MobileCountdown({ dueAt }: { dueAt: string }) {
  const { t, lang } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, []);
  const left = new Date(dueAt).getTime() - now;
  const span = formatSpan(left, lang === "zh");
  return <span className={left < 0 ? "m-overdue" : "m-due"} data-testid="m-countdown">{left < 0 ? t("inc.overdueBy", { t: span }) : t("inc.dueIn", { t: span })}</span>;
}
