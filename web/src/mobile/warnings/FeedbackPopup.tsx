import type { WarningFeedbackInput } from "@yingji/contracts";
import { Button, Form, Input, Popup, Selector, Stepper, TextArea, Toast } from "antd-mobile";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { RESPONSE_LEVELS } from "../../modules/warnings/components/AckFeedbackCard.tsx";
import { useSendFeedback } from "../../modules/warnings/hooks/useSendFeedback.ts";

/** 响应措施 from a phone: what was started, people and teams sent, who is watching. */
export function FeedbackPopup({ warningId, open, onClose }: { warningId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const send = useSendFeedback(warningId);
  const [form] = Form.useForm<Omit<WarningFeedbackInput, "responseLevel"> & { responseLevel: WarningFeedbackInput["responseLevel"][] }>();
  const submit = async (v: Omit<WarningFeedbackInput, "responseLevel"> & { responseLevel: WarningFeedbackInput["responseLevel"][] }) => {
    await send.mutateAsync({ ...v, measures: v.measures.trim(), watchers: v.watchers.trim(), responseLevel: v.responseLevel[0] ?? "none" });
    Toast.show({ icon: "success", content: t("warn.feedbackSent") });
    form.resetFields();
    onClose();
  };
  return (
    <Popup visible={open} onMaskClick={onClose} bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12, maxHeight: "88vh", overflowY: "auto" }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ responseLevel: ["none"], peopleSent: 0, teamsSent: 0 }}
        onFinish={(v) => void submit(v).catch(() => {})}
        footer={<Button block type="submit" color="primary" size="large" loading={send.isPending} data-testid="m-fb-send">{t("warn.feedbackSend")}</Button>}
        data-testid="m-fb-form"
      >
        <Form.Header>{t("warn.feedback")}</Form.Header>
        <Form.Item name="measures" label={t("warn.measures")} rules={[{ required: true, whitespace: true, max: 4000 }]}>
          <TextArea rows={4} placeholder="如：已通知各村（社区）转移低洼地带群众，巡查河道、涵闸" data-testid="m-fb-measures" />
        </Form.Item>
        <Form.Item name="responseLevel" label={t("warn.responseLevel")}>
          <Selector columns={5} options={RESPONSE_LEVELS.map((l) => ({ value: l, label: l === "none" ? t("warn.responseLevel.none") : l }))} />
        </Form.Item>
        <Form.Item name="peopleSent" label={t("warn.peopleSent")} childElementPosition="right">
          <Stepper min={0} max={1_000_000} digits={0} data-testid="m-fb-people" />
        </Form.Item>
        <Form.Item name="teamsSent" label={t("warn.teamsSent")} childElementPosition="right">
          <Stepper min={0} max={10_000} digits={0} />
        </Form.Item>
        <Form.Item name="watchers" label={t("warn.watchers")} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input placeholder="如：镇值班室 张三、李四" data-testid="m-fb-watchers" />
        </Form.Item>
      </Form>
    </Popup>
  );
}
