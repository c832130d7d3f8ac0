import { SPOT_CHECK_METHODS } from "@yingji/contracts";
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Switch } from "antd";
import type { Dayjs } from "dayjs";
import { showFieldErrors } from "../../../app/form-errors.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { UnitTreeSelect } from "../../org/components/UnitTreeSelect.tsx";
import { shanghaiNow, wallToIso } from "../duty-time.ts";
import { useCreateSpotCheck } from "../hooks/useCreateSpotCheck.ts";
import { METHOD_LABEL } from "../spot-labels.ts";

interface Values {
  unitId: string;
  method: (typeof SPOT_CHECK_METHODS)[number];
  at: Dayjs;
  answered: boolean;
  answerSeconds?: number | null;
  officerPresent: boolean;
  leaderPresent: boolean;
  logComplete: boolean;
  note?: string;
}

/** Records one spot check of a unit's duty room; the server decides pass or fail by the rules. */
export function SpotCheckModal({ unitId, onClose }: { unitId: string | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const answered = Form.useWatch("answered", form);
  const create = useCreateSpotCheck();
  const submit = async (v: Values) => {
    try {
      const made = await create.mutateAsync({
        ...v,
        at: wallToIso(v.at),
        answerSeconds: v.answered ? (v.answerSeconds ?? null) : null,
        note: v.note?.trim() || null,
      });
      message[made.passed ? "success" : "warning"](t(made.passed ? "duty.spot.savedPass" : "duty.spot.savedFail"));
      onClose();
    } catch (err) {
      showFieldErrors(form, err);
      message.error((err as Error).message);
    }
  };
  return (
    <Modal
      open
      title={t("duty.spot.record")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "spot-save" }}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ unitId, method: "phone", at: shanghaiNow(), answered: true, officerPresent: true, leaderPresent: true, logComplete: true }}
      >
        <Form.Item name="unitId" label={t("duty.spot.unit")} rules={[{ required: true }]}>
          <UnitTreeSelect testId="spot-unit" />
        </Form.Item>
        <Form.Item name="method" label={t("duty.spot.method")}>
          <Radio.Group options={SPOT_CHECK_METHODS.map((m) => ({ value: m, label: t(METHOD_LABEL[m]) }))} data-testid="spot-method" />
        </Form.Item>
        <Form.Item name="at" label={t("duty.spot.at")} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="answered" label={t("duty.spot.answered")} valuePropName="checked">
          <Switch data-testid="spot-answered" />
        </Form.Item>
        {answered && (
          <Form.Item name="answerSeconds" label={t("duty.spot.seconds")} extra={t("duty.spot.secondsHint")}>
            <InputNumber min={0} max={600} suffix={t("duty.spot.sec")} data-testid="spot-seconds" />
          </Form.Item>
        )}
        <Form.Item name="officerPresent" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox data-testid="spot-officer">{t("duty.spot.officerPresent")}</Checkbox>
        </Form.Item>
        <Form.Item name="leaderPresent" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox data-testid="spot-leader">{t("duty.spot.leaderPresent")}</Checkbox>
        </Form.Item>
        <Form.Item name="logComplete" valuePropName="checked">
          <Checkbox data-testid="spot-log">{t("duty.spot.logComplete")}</Checkbox>
        </Form.Item>
        <Form.Item name="note" label={t("duty.spot.note")}>
          <Input.TextArea rows={2} maxLength={4000} data-testid="spot-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
