import { KEY_PERIOD_KIND_LABELS, KEY_PERIOD_KINDS } from "@yingji/contracts";
import { App, DatePicker, Form, Input, InputNumber, Modal, Select, Switch } from "antd";
import type { Dayjs } from "dayjs";
import { useMe } from "../../../app/auth/useMe.ts";
import { showFieldErrors } from "../../../app/form-errors.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { UnitTreeSelect } from "../../org/components/UnitTreeSelect.tsx";
import { wallToIso } from "../duty-time.ts";
import { useCreateKeyPeriod } from "../hooks/useCreateKeyPeriod.ts";

interface Values {
  unitId: string;
  name: string;
  kind: (typeof KEY_PERIOD_KINDS)[number];
  range: [Dayjs, Dayjs];
  minOfficers: number;
  leaderRequired: boolean;
}

/** Declares a key period (重点时段) and its staffing rule for a unit's whole subtree. */
export function KeyPeriodModal({ onClose }: { onClose: () => void }) {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();
  const create = useCreateKeyPeriod();
  const submit = async ({ range, ...v }: Values) => {
    try {
      await create.mutateAsync({ ...v, startsAt: wallToIso(range[0]), endsAt: wallToIso(range[1]) });
      message.success(t("common.saved"));
      onClose();
    } catch (err) {
      showFieldErrors(form, err);
      message.error((err as Error).message);
    }
  };
  return (
    <Modal open title={t("duty.kp.create")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okButtonProps={{ "data-testid": "kp-save" }}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ unitId: me?.unitId, kind: "holiday", minOfficers: 2, leaderRequired: true }}>
        <Form.Item name="unitId" label={t("duty.kp.unit")} rules={[{ required: true }]} extra={t("duty.kp.unitHint")}>
          <UnitTreeSelect testId="kp-unit" />
        </Form.Item>
        <Form.Item name="name" label={t("duty.kp.name")} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} placeholder={t("duty.kp.namePlaceholder")} data-testid="kp-name" />
        </Form.Item>
        <Form.Item name="kind" label={t("duty.kp.kind")}>
          <Select options={KEY_PERIOD_KINDS.map((k) => ({ value: k, label: l(KEY_PERIOD_KIND_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item name="range" label={t("duty.kp.range")} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} data-testid="kp-range" />
        </Form.Item>
        <Form.Item name="minOfficers" label={t("duty.kp.minOfficers")}>
          <InputNumber min={1} max={10} />
        </Form.Item>
        <Form.Item name="leaderRequired" label={t("duty.kp.leaderRequired")} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
