import { CheckCircleFilled } from "@ant-design/icons";
import type { Warning, WarningFeedbackInput } from "@yingji/contracts";
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, message } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { useAck } from "../hooks/useAck.ts";
import { useSendFeedback } from "../hooks/useSendFeedback.ts";

export const RESPONSE_LEVELS = ["none", "IV", "III", "II", "I"] as const;

/** For a target unit: 已收到 (acknowledge) and then the response measures (响应措施). */
export function AckFeedbackCard({ warning }: { warning: Warning }) {
  const { t } = useI18n();
  const ack = useAck(warning.id);
  const send = useSendFeedback(warning.id);
  const [form] = Form.useForm<WarningFeedbackInput>();
  const mine = warning.myUnit;
  if (!mine) return null;
  const active = warning.status === "released" || warning.status === "updated";
  const overdue = !mine.ackedAt && new Date(mine.dueAt).getTime() < Date.now();

  const submit = async () => {
    const v = await form.validateFields();
    await send.mutateAsync(v);
    form.resetFields();
    void message.success(t("warn.feedbackSent"));
  };

  return (
    <Card size="small" title={t("warn.myUnit")} style={{ marginBottom: 12 }} data-testid="warn-my-unit">
      {mine.ackedAt ? (
        <Alert type="success" showIcon icon={<CheckCircleFilled />} title={<span data-testid="warn-acked">{t("warn.ackDone", { time: formatTime(mine.ackedAt) })}</span>} style={{ marginBottom: 12 }} />
      ) : (
        <>
          <Alert type={overdue ? "error" : "warning"} showIcon title={`${t("warn.dueAt")}: ${formatTime(mine.dueAt)}`} style={{ marginBottom: 12 }} />
          {active && (
            <Button type="primary" size="large" block loading={ack.isPending} onClick={() => void ack.mutateAsync(undefined).then(() => message.success(t("warn.ackThanks"))).catch(() => {})} data-testid="warn-ack">
              {t("warn.ack")}
            </Button>
          )}
        </>
      )}
      {mine.ackedAt && active && (
        <Form form={form} layout="vertical" initialValues={{ responseLevel: "none", peopleSent: 0, teamsSent: 0 }} data-testid="warn-feedback-form">
          <Form.Item name="measures" label={t("warn.measures")} rules={[{ required: true, whitespace: true, max: 4000 }]}>
            <Input.TextArea rows={3} data-testid="warn-fb-measures" />
          </Form.Item>
          <Row gutter={8}>
            <Col span={12}>
              <Form.Item name="responseLevel" label={t("warn.responseLevel")}>
                <Select options={RESPONSE_LEVELS.map((l) => ({ value: l, label: l === "none" ? t("warn.responseLevel.none") : `${l} 级` }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="watchers" label={t("warn.watchers")} rules={[{ required: true, whitespace: true, max: 200 }]}>
                <Input data-testid="warn-fb-watchers" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="peopleSent" label={t("warn.peopleSent")} rules={[{ required: true }]}>
                <InputNumber min={0} max={1_000_000} style={{ width: "100%" }} data-testid="warn-fb-people" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="teamsSent" label={t("warn.teamsSent")} rules={[{ required: true }]}>
                <InputNumber min={0} max={10_000} style={{ width: "100%" }} data-testid="warn-fb-teams" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" onClick={() => void submit().catch(() => {})} loading={send.isPending} data-testid="warn-fb-send">{t("warn.feedbackSend")}</Button>
          {mine.feedbackAt && <span className="muted" style={{ marginLeft: 12 }}>{t("warn.feedbackAt")}: {formatTime(mine.feedbackAt)}</span>}
        </Form>
      )}
    </Card>
  );
}
