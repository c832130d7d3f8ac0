import type { IncidentFigures, IncidentLevel } from "@yingji/contracts";
import { Alert, Button } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useLevelSuggestion } from "../hooks/useLevelSuggestion.ts";

/**
 * Under the level field: the level the figures suggest, with the reasons, and a button to take
 * it. The reporter still confirms the level (rules.md); a lower chosen level is shown as a warning.
 */
export function LevelSuggestionHint({ figures, level, onAdopt }: { figures?: Partial<IncidentFigures>; level?: IncidentLevel; onAdopt: (l: IncidentLevel) => void }) {
  const { t } = useI18n();
  const { data } = useLevelSuggestion(figures);
  if (!data) return null;
  const order = ["I", "II", "III", "IV"];
  const below = level && order.indexOf(level) > order.indexOf(data.level);
  return (
    <Alert
      type={below ? "warning" : "info"}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="inc-level-suggestion"
      title={`${t("inc.suggested")}：${t(`inc.level.${data.level}`)}${data.reasons.length ? `（${data.reasons.join("；")}）` : ""}`}
      description={below ? t("inc.levelBelowSuggestion") : undefined}
      action={level !== data.level ? <Button size="small" onClick={() => onAdopt(data.level)} data-testid="inc-level-adopt">{t("inc.levelAdopt")}</Button> : undefined}
    />
  );
}
