import type { IncidentFigures } from "@yingji/contracts";
import { Input, List, Stepper } from "antd-mobile";
import { useI18n } from "../../app/i18n/useI18n.ts";

const COUNTS = ["dead", "missing", "injured", "seriouslyInjured", "trapped"] as const;

/** The six figures of a report on a phone: steppers for people, a number for the loss. */
export function FigureSteppers({ value, onChange }: { value: IncidentFigures; onChange: (v: IncidentFigures) => void }) {
  const { t } = useI18n();
  return (
    <List header={t("inc.figures")} mode="card">
      {COUNTS.map((k) => (
        <List.Item key={k} extra={<Stepper min={0} digits={0} value={value[k]} onChange={(n) => onChange({ ...value, [k]: n ?? 0 })} data-testid={`m-fig-${k}`} />}>
          {t(`inc.${k}`)}
        </List.Item>
      ))}
      <List.Item extra={<Input type="number" min={0} value={String(value.directLoss)} style={{ width: 120, "--text-align": "right" }}
        onChange={(v) => onChange({ ...value, directLoss: Math.max(0, Math.floor(Number(v) || 0)) })} data-testid="m-fig-directLoss" />}>
        {t("inc.directLoss")}
      </List.Item>
    </List>
  );
}
