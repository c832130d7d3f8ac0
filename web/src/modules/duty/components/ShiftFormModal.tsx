import { App, DatePicker, Form, Modal, Switch, TimePicker } from "antd";
import type { Dayjs } from "dayjs";
import { showFieldErrors } from "../../../app/form-errors.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { dayjs } from "../../../app/time.ts";
import { shanghaiAt, shanghaiNow } from "../duty-time.ts";
import { useCreateShift } from "../hooks/useCreateShift.ts";
import { PersonSelect } from "./PersonSelect.tsx";

interface Values {
  date: Dayjs;
  time: Dayjs;
  officerIds: string[];
  leaderId?: string;
  exercise?: boolean;
}

/** Adds one 24-hour shift to a unit's roster. */
export function ShiftFormModal({ unitId, date, open, onClose }: { unitId: string; date: Dayjs | null; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateShift();
  const submit = async (v: Values) => {
    try {
      await create.mutateAsync({
        unitId,
        startsAt: shanghaiAt(v.date.format("YYYY-MM-DD"), v.time.format("HH:mm")),
        officerIds: v.officerIds,
        leaderId: v.leaderId ?? null,
        exercise: v.exercise || undefined,
      });
      message.success(t("common.saved"));
      onClose();
    } catch (err) {
      showFieldErrors(form, err);
      message.error((err as Error).message);
    }
  };
  return (
    <Modal
      open={open}
      title={t("duty.shift.create")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "shift-save" }}
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={submit} initialValues={{ date: date ?? shanghaiNow(), time: dayjs("08:00", "HH:mm") }}>
        <Form.Item name="date" label={t("duty.shift.date")} rules={[{ required: true }]}>
          <DatePicker style={{ width: "100%" }} data-testid="shift-date" />
        </Form.Item>
        <Form.Item name="time" label={t("duty.shift.start")} rules={[{ required: true }]} extra={t("duty.shift.hours")}>
          <TimePicker format="HH:mm" minuteStep={15} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="officerIds" label={t("duty.officers")} rules={[{ required: true, message: t("duty.shift.officersRequired") }]}>
          <PersonSelect unitId={unitId} multiple testId="shift-officers" />
        </Form.Item>
        <Form.Item name="leaderId" label={t("duty.leader")}>
          <PersonSelect unitId={unitId} testId="shift-leader" />
        </Form.Item>
        <Form.Item name="exercise" label={t("duty.exercise")} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
