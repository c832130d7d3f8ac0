import type { Deadline } from "@yingji/contracts";
import { Tag } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useNow } from "../../../app/useNow.ts";
import { formatSpan } from "../incidents.labels.ts";

/** The earliest deadline not yet met (overdue ones first), or null. */
export function nextDeadline(deadlines: Deadline[] | undefined): Deadline | null {
  const open = (deadlines ?? []).filter((d) => !d.metAt);
  open.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return open[0] ?? null;
}


/** A live countdown to the next deadline: what is due, and the time left (red once overdue). */
export function Countdown({ deadlines, testId }: { deadlines: Deadline[] | undefined; testId?: string }) {
  const { t, lang } = useI18n();
  const now = useNow();
  const d = nextDeadline(deadlines);
  if (!deadlines) return <span className="muted">…</span>;
  if (!d) return <span className="muted" data-testid={testId}>{t("inc.noDue")}</span>;
  const left = new Date(d.dueAt).getTime() - now;
  const span = formatSpan(left, lang === "zh");
  return (
    <span data-testid={testId} className="inc-countdown">
      <Tag color={left < 0 ? "red" : left < 30 * 60_000 ? "orange" : "blue"}>{t(`inc.dl.${d.kind}`)}</Tag>
      <b className={left < 0 ? "inc-overdue" : undefined}>{left < 0 ? t("inc.overdueBy", { t: span }) : t("inc.dueIn", { t: span })}</b>
    </span>
  );
}
