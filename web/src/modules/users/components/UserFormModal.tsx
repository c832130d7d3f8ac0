import { showFieldErrors } from "../../../app/form-errors.ts";
import { CreateUserInput, LIMITS, MANAGED_ROLES, PASSWORD_MAX, PASSWORD_MIN, ROLE_LABELS, type Role, type UserSummary } from "@yingji/contracts";
import { Alert, Checkbox, Form, Input, Modal, Select, Switch } from "antd";
import { useEffect } from "react";
import { useCan } from "../../../app/auth/useCan.ts";
import { useMe } from "../../../app/auth/useMe.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { notifySuccess } from "../../../app/notify.ts";
import { zodRule } from "../../../app/zod-rule.ts";
import { UnitTreeSelect } from "../../org/components/UnitTreeSelect.tsx";
import { useSaveUser } from "../hooks/useSaveUser.ts";

interface Values {
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  password?: string;
  active?: boolean;
  resetTotp?: boolean;
}

/** New account (user null) or changes to one: role, unit, active, password reset, TOTP reset. */
export function UserFormModal({ open, user, onClose }: { open: boolean; user: UserSummary | null; onClose: () => void }) {
  const { t, l } = useI18n();
  const [form] = Form.useForm<Values>();
  const save = useSaveUser();
  const { data: me } = useMe();
  const can = useCan();
  // 三员管理: only the roles this administrator manages are offered (the server refuses the others).
  const roles = me ? (MANAGED_ROLES[me.role] ?? []) : [];

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    // Without the org tree (the security administrator), new accounts go to the administrator's own unit.
    if (!user && me && !me.permissions.includes("org.read")) form.setFieldsValue({ unitId: me.unitId });
    if (user) form.setFieldsValue({ username: user.username, displayName: user.displayName, role: user.role, unitId: user.unitId, active: user.active });
  }, [open, user, form, me]);

  const submit = async () => {
    const v = await form.validateFields();
    if (!user) {
      await save.mutateAsync({
        id: null,
        input: { username: v.username.trim(), displayName: v.displayName.trim(), role: v.role, unitId: v.unitId, password: v.password ?? "" },
      });
    } else {
      await save.mutateAsync({
        id: user.id,
        input: {
          version: user.version,
          displayName: v.displayName.trim(),
          role: v.role,
          unitId: v.unitId,
          active: v.active ?? true,
          ...(v.password ? { password: v.password } : {}),
          ...(v.resetTotp ? { resetTotp: true } : {}),
        },
      });
    }
    notifySuccess(t("common.saved"));
    onClose();
  };

  return (
    <Modal
      open={open}
      title={user ? t("users.edit", { name: user.username }) : t("users.create")}
      onCancel={onClose}
      onOk={() => void submit().catch((err: unknown) => showFieldErrors(form, err))}
      confirmLoading={save.isPending}
      okButtonProps={{ "data-testid": "user-form-submit" }}
      destroyOnHidden
      width={620}
    >
      <Form form={form} layout="vertical" data-testid="user-form">
        <div className="form-grid">
          <Form.Item name="username" label={t("users.username")} rules={[{ required: true }, zodRule(CreateUserInput.shape.username)]}>
            <Input disabled={!!user} maxLength={64} autoComplete="off" data-testid="user-form-username" />
          </Form.Item>
          <Form.Item name="displayName" label={t("users.displayName")} rules={[{ required: true, whitespace: true }, { max: LIMITS.name }]}>
            <Input maxLength={LIMITS.name} data-testid="user-form-displayName" />
          </Form.Item>
          <Form.Item name="role" label={t("users.role")} rules={[{ required: true }]}>
            <Select options={roles.map((r) => ({ value: r, label: l(ROLE_LABELS[r]) }))} data-testid="user-form-role" />
          </Form.Item>
          <Form.Item name="unitId" label={t("users.unit")} rules={[{ required: true }]}>
            {can("org.read") ? (
              <UnitTreeSelect style={{ width: "100%" }} testId="user-form-unit" />
            ) : (
              <Select
                options={[...new Map([[me?.unitId, me?.unitName], [user?.unitId, user?.unitName]]).entries()].filter(([id]) => !!id).map(([value, label]) => ({ value, label }))}
                data-testid="user-form-unit"
              />
            )}
          </Form.Item>
        </div>
        <Form.Item
          name="password"
          label={user ? t("users.resetPassword") : t("users.initialPassword")}
          extra={user ? t("users.resetPasswordHelp") : t("pwd.policy", { min: PASSWORD_MIN, max: PASSWORD_MAX })}
          rules={[{ required: !user }, { min: PASSWORD_MIN, max: PASSWORD_MAX, message: t("pwd.length", { min: PASSWORD_MIN, max: PASSWORD_MAX }) }]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-form-password" />
        </Form.Item>
        {user && (
          <div className="form-grid">
            <Form.Item name="active" label={t("users.active")} valuePropName="checked" extra={t("users.activeHelp")}>
              <Switch data-testid="user-form-active" />
            </Form.Item>
            <Form.Item name="resetTotp" label={t("users.totp")} valuePropName="checked">
              <Checkbox disabled={!user.totpEnabled} data-testid="user-form-resetTotp">
                {t("users.resetTotp")}
              </Checkbox>
            </Form.Item>
          </div>
        )}
        {user && <Alert type="info" showIcon title={t("users.sessionsNote")} />}
      </Form>
    </Modal>
  );
}
