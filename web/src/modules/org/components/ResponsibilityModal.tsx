import { showFieldErrors } from "../../../app/form-errors.ts";
import { LIMITS, RESPONSIBILITY_ROLES, type Responsibility } from "@yingji/contracts";
import { Form, Input, Modal, Radio } from "antd";
import { useEffect } from "react";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { notifySuccess } from "../../../app/notify.ts";
import { useSaveResponsibility } from "../hooks/useSaveResponsibility.ts";
import { UnitTreeSelect } from "./UnitTreeSelect.tsx";

export type ResponsibilityTarget = { mode: "create"; incidentTypeId: string; typeName: string } | { mode: "edit"; row: Responsibility };

interface Values {
  unitId: string;
  role: Responsibility["role"];
  duties: string;
}

export function ResponsibilityModal({ target, onClose }: { target: ResponsibilityTarget | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const save = useSaveResponsibility();

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === "edit") form.setFieldsValue({ unitId: target.row.unitId, role: target.row.role, duties: target.row.duties });
    else form.setFieldsValue({ role: "member" });
  }, [target, form]);

  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    if (target.mode === "create") {
      await save.mutateAsync({ id: null, input: { incidentTypeId: target.incidentTypeId, unitId: v.unitId, role: v.role, duties: v.duties.trim() } });
    } else {
      await save.mutateAsync({ id: target.row.id, input: { version: target.row.version, role: v.role, duties: v.duties.trim() } });
    }
    notifySuccess(t("common.saved"));
    onClose();
  };

  return (
    <Modal
      open={!!target}
      title={target?.mode === "create" ? t("resp.addFor", { name: target.typeName }) : t("resp.editFor", { name: target?.row.unitName ?? "" })}
      onCancel={onClose}
      onOk={() => void submit().catch((err: unknown) => showFieldErrors(form, err))}
      confirmLoading={save.isPending}
      okButtonProps={{ "data-testid": "resp-form-submit" }}
      destroyOnHidden
      width={600}
    >
      <Form form={form} layout="vertical" data-testid="resp-form">
        <Form.Item name="unitId" label={t("resp.unit")} rules={[{ required: true }]}>
          <UnitTreeSelect style={{ width: "100%" }} testId="resp-form-unit" />
        </Form.Item>
        <Form.Item name="role" label={t("resp.role")} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={RESPONSIBILITY_ROLES.map((r) => ({ value: r, label: t(r === "lead" ? "resp.lead" : "resp.member") }))}
            data-testid="resp-form-role"
          />
        </Form.Item>
        <Form.Item name="duties" label={t("resp.duties")} rules={[{ required: true, whitespace: true }, { max: LIMITS.longText }]}>
          <Input.TextArea rows={6} maxLength={LIMITS.longText} showCount data-testid="resp-form-duties" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
