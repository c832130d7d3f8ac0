import { Col, Form, InputNumber, Row } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import type { DictKey } from "../../../app/i18n/dict.ts";

export const FIGURE_KEYS = ["dead", "missing", "injured", "seriouslyInjured", "trapped", "directLoss"] as const;
export const ZERO_FIGURES = { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 };

/** The six figures of a report (casualties and direct loss) as number inputs under `figures`. */
export function FiguresFields() {
  const { t } = useI18n();
  return (
    <Row gutter={12}>
      {FIGURE_KEYS.map((k) => (
        <Col key={k} span={k === "directLoss" ? 12 : 6}>
          <Form.Item name={["figures", k]} label={t(`inc.${k}` as DictKey)} rules={[{ required: true, message: t("inc.required") }]}>
            <InputNumber min={0} precision={0} style={{ width: "100%" }} data-testid={`inc-fig-${k}`} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
