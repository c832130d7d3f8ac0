import { showFieldErrors } from "../../../app/form-errors.ts";
import { EMERGENCY_ROLE_LABELS, EMERGENCY_ROLES, LIMITS, Phone, type Person } from "@yingji/contracts";
import { Button, Drawer, Form, Input, InputNumber, Select, Space, Switch } from "antd";
import { useEffect } from "react";
import { z } from "zod";
import { useCan } from "../../../app/auth/useCan.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { notifySuccess } from "../../../app/notify.ts";
import { zodRule } from "../../../app/zod-rule.ts";
import { useSavePerson } from "../hooks/useSavePerson.ts";
import type { UnmaskedPhones } from "../org.types.ts";
import { UnitTreeSelect } from "./UnitTreeSelect.tsx";

interface Values {
  unitId: string;
  name: string;
  title?: string;
  emergencyRoles?: Person["emergencyRoles"];
  duty?: string;
  mobile?: string;
  officePhone?: string;
  email?: string;
  isLiaison?: boolean;
  sort?: number;
  active?: boolean;
}

/** A new person (optionally in a given unit) or an existing one with the phones revealed, if they were. */
export type PersonTarget = { mode: "create"; unitId?: string } | { mode: "edit"; person: Person; phones?: UnmaskedPhones };

const Email = z.email();
const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/**
 * Create/edit form of a person. Phones arrive masked: when editing, a phone field starts
 * empty unless the numbers were revealed, and is sent only when the user typed into it.
 */
export function PersonDrawer({ target, onClose }: { target: PersonTarget | null; onClose: () => void }) {
  const { t, l } = useI18n();
  const [form] = Form.useForm<Values>();
  const save = useSavePerson();
  const can = useCan();
  const editing = target?.mode === "edit" ? target.person : null;
  const phones = target?.mode === "edit" ? target.phones : undefined;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === "create") {
      form.setFieldsValue({ unitId: target.unitId, isLiaison: false, emergencyRoles: [] });
      return;
    }
    const p = target.person;
    form.setFieldsValue({
      unitId: p.unitId,
      name: p.name,
      title: p.title ?? undefined,
      emergencyRoles: p.emergencyRoles,
      duty: p.duty ?? undefined,
      mobile: target.phones?.mobile ?? undefined,
      officePhone: target.phones?.officePhone ?? undefined,
      email: p.email ?? undefined,
      isLiaison: p.isLiaison,
      sort: p.sort,
      active: p.active,
    });
  }, [target, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const common = {
      name: v.name.trim(),
      title: orNull(v.title),
      emergencyRoles: v.emergencyRoles ?? [],
      duty: orNull(v.duty),
      email: orNull(v.email),
      isLiaison: !!v.isLiaison,
      ...(v.sort !== undefined && v.sort !== null ? { sort: v.sort } : {}),
    };
    if (!editing) {
      await save.mutateAsync({ id: null, input: { ...common, unitId: v.unitId, mobile: orNull(v.mobile), officePhone: orNull(v.officePhone) } });
    } else {
      // Masked numbers were never shown, so an untouched phone field means "keep it".
      const touchedPhones = {
        ...(phones || form.isFieldTouched("mobile") ? { mobile: orNull(v.mobile) } : {}),
        ...(phones || form.isFieldTouched("officePhone") ? { officePhone: orNull(v.officePhone) } : {}),
      };
      await save.mutateAsync({
        id: editing.id,
        input: { version: editing.version, ...common, unitId: v.unitId, active: v.active ?? true, ...touchedPhones },
      });
    }
    notifySuccess(t("common.saved"));
    onClose();
  };

  const maskedHint = (masked: string | null | undefined) =>
    editing && !phones && masked ? t("person.maskedKeep", { masked }) : undefined;

  return (
    <Drawer
      open={!!target}
      title={editing ? t("person.edit", { name: editing.name }) : t("person.create")}
      size={560}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: "right" }}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void submit().catch((err: unknown) => showFieldErrors(form, err))} data-testid="person-form-submit">
            {t("common.save")}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" data-testid="person-form">
        <Form.Item name="unitId" label={t("person.unit")} rules={[{ required: true }]}>
          <UnitTreeSelect style={{ width: "100%" }} testId="person-form-unit" />
        </Form.Item>
        <div className="form-grid">
          <Form.Item name="name" label={t("person.name")} rules={[{ required: true, whitespace: true }, { max: 50 }]}>
            <Input maxLength={50} data-testid="person-form-name" />
          </Form.Item>
          <Form.Item name="title" label={t("person.title")} rules={[{ max: LIMITS.name }]}>
            <Input maxLength={LIMITS.name} data-testid="person-form-title" />
          </Form.Item>
        </div>
        <Form.Item name="emergencyRoles" label={t("person.roles")}>
          <Select
            mode="multiple"
            allowClear
            options={EMERGENCY_ROLES.map((r) => ({ value: r, label: l(EMERGENCY_ROLE_LABELS[r]) }))}
            data-testid="person-form-roles"
          />
        </Form.Item>
        <Form.Item name="duty" label={t("person.duty")} rules={[{ max: LIMITS.shortText }]}>
          <Input.TextArea rows={2} maxLength={LIMITS.shortText} showCount data-testid="person-form-duty" />
        </Form.Item>
        <div className="form-grid">
          <Form.Item name="mobile" label={t("person.mobile")} rules={[zodRule(Phone)]} extra={maskedHint(editing?.mobile)}>
            <Input maxLength={LIMITS.phone} inputMode="tel" placeholder="13800000000" data-testid="person-form-mobile" />
          </Form.Item>
          <Form.Item name="officePhone" label={t("person.officePhone")} rules={[zodRule(Phone)]} extra={maskedHint(editing?.officePhone)}>
            <Input maxLength={LIMITS.phone} inputMode="tel" placeholder="0519-88888888" data-testid="person-form-officePhone" />
          </Form.Item>
        </div>
        <Form.Item name="email" label={t("person.email")} rules={[zodRule(Email), { max: LIMITS.email }]}>
          <Input maxLength={LIMITS.email} data-testid="person-form-email" />
        </Form.Item>
        <div className="form-grid form-grid-3">
          <Form.Item name="isLiaison" label={t("person.isLiaison")} valuePropName="checked">
            <Switch data-testid="person-form-liaison" />
          </Form.Item>
          <Form.Item name="sort" label={t("unit.sort")}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: "100%" }} data-testid="person-form-sort" />
          </Form.Item>
          {editing && can("people.write") && (
            <Form.Item name="active" label={t("common.active")} valuePropName="checked">
              <Switch data-testid="person-form-active" />
            </Form.Item>
          )}
        </div>
      </Form>
    </Drawer>
  );
}
