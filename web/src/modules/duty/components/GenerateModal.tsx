import { Alert, App, Form, InputNumber, Modal, TimePicker } from "antd";
import type { Dayjs } from "dayjs";
import { showFieldErrors } from "../../../app/form-errors.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { dayjs } from "../../../app/time.ts";
import { useGenerateShifts } from "../hooks/useGenerateShifts.ts";
import { PersonSelect } from "./PersonSelect.tsx";

interface Values {
  officers: string[];
  leaders?: string[];
  officersPerShift: number;
  shiftStart: Dayjs;
}

/** 一键排班: a month of shifts round-robin over the chosen officers and leaders. */
export function GenerateModal({ unitId, month, open, onClose }: { unitId: string; month: Dayjs; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const generate = useGenerateShifts();
  const submit = async (v: Values) => {
    try {
      const made = await generate.mutateAsync({
        unitId,
        month: month.format("YYYY-MM"),
        officers: v.officers,
        leaders: v.leaders ?? [],
        officersPerShift: v.officersPerShift,
        shiftStart: v.shiftStart.format("HH:mm"),
      });
      message.success(t("duty.gen.done", { n: made.length }));
      onClose();
    } catch (err) {
      showFieldErrors(form, err);
      message.error((err as Error).message);
    }
  };
  return (
    <Modal
      open={open}
      title={t("duty.gen.title", { month: month.format("YYYY-MM") })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={generate.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "generate-save" }}
    >
      <Alert type="info" showIcon title={t("duty.gen.hint")} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" preserve={false} onFinish={submit} initialValues={{ officersPerShift: 1, shiftStart: dayjs("08:00", "HH:mm") }}>
        <Form.Item name="officers" label={t("duty.gen.officers")} rules={[{ required: true, message: t("duty.shift.officersRequired") }]}>
          <PersonSelect unitId={unitId} multiple testId="generate-officers" />
        </Form.Item>
        <Form.Item name="leaders" label={t("duty.gen.leaders")}>
          <PersonSelect unitId={unitId} multiple testId="generate-leaders" />
        </Form.Item>
        <Form.Item name="officersPerShift" label={t("duty.gen.perShift")}>
          <InputNumber min={1} max={10} />
        </Form.Item>
        <Form.Item name="shiftStart" label={t("duty.shift.start")}>
          <TimePicker format="HH:mm" minuteStep={15} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
