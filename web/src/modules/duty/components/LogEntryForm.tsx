import { DUTY_LOG_KIND_LABELS, DUTY_LOG_KINDS } from "@yingji/contracts";
import { App, Button, Flex, Form, Input, Select } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useAppendLog, type AppendLog } from "../hooks/useAppendLog.ts";

const WRITABLE = DUTY_LOG_KINDS.filter((k) => k !== "sign_in" && k !== "sign_out");

/** Appends an entry to the shift's log; 签到 / 签退 are one click each. Entries cannot be edited afterwards. */
export function LogEntryForm({ shiftId }: { shiftId: string }) {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: AppendLog["kind"]; content: string }>();
  const append = useAppendLog();
  const send = async (input: AppendLog) => {
    try {
      await append.mutateAsync(input);
      message.success(t("duty.log.added"));
      form.resetFields(["content"]);
    } catch (err) {
      message.error((err as Error).message);
    }
  };
  return (
    <div className="log-form">
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Button type="primary" ghost onClick={() => send({ shiftId, kind: "sign_in" })} loading={append.isPending} data-testid="log-sign-in">
          {t("duty.log.signIn")}
        </Button>
        <Button onClick={() => send({ shiftId, kind: "sign_out" })} loading={append.isPending} data-testid="log-sign-out">
          {t("duty.log.signOut")}
        </Button>
      </Flex>
      <Form form={form} layout="vertical" initialValues={{ kind: "call" }} onFinish={(v) => send({ shiftId, kind: v.kind, content: v.content })}>
        <Form.Item name="kind" label={t("duty.log.kind")}>
          <Select options={WRITABLE.map((k) => ({ value: k, label: l(DUTY_LOG_KIND_LABELS[k]) }))} style={{ width: 160 }} data-testid="log-kind" />
        </Form.Item>
        <Form.Item name="content" label={t("duty.log.content")} rules={[{ required: true, whitespace: true, message: t("duty.log.contentRequired") }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount placeholder={t("duty.log.placeholder")} data-testid="log-content" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={append.isPending} data-testid="log-submit">
          {t("duty.log.append")}
        </Button>
      </Form>
    </div>
  );
}
