import type { IncidentFlagKind, IncidentLevel, IncidentStatus } from "@yingji/contracts";
import { Tag } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { FLAG_COLORS, LEVEL_COLORS } from "../incidents.labels.ts";

export function LevelTag({ level }: { level: IncidentLevel }) {
  const { t } = useI18n();
  return (
    <Tag color={LEVEL_COLORS[level]} data-testid={`level-${level}`}>
      {t(`inc.level.${level}`)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: IncidentStatus }) {
  const { t } = useI18n();
  return <Tag color={status === "closed" ? "default" : status === "open" ? "processing" : "warning"}>{t(`inc.status.${status}`)}</Tag>;
}

/** The platform's flags (迟报, 超时未报, 单位未报, 等级偏低) as coloured tags. */
export function FlagTags({ flags, exercise, sensitive }: { flags: IncidentFlagKind[]; exercise?: boolean; sensitive?: boolean }) {
  const { t } = useI18n();
  return (
    <span className="inc-tags">
      {[...new Set(flags)].map((f) => (
        <Tag key={f} color={FLAG_COLORS[f]} data-testid={`flag-${f}`}>
          {t(`inc.flag.${f}`)}
        </Tag>
      ))}
      {sensitive && <Tag color="volcano">{t("inc.sensitive")}</Tag>}
      {exercise && <Tag>{t("inc.exercise")}</Tag>}
    </span>
  );
}
