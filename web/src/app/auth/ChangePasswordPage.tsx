import { PASSWORD_MAX, PASSWORD_MIN } from "@yingji/contracts";
import { Alert, Button, Form, Input } from "antd";
import { showFieldErrors } from "../form-errors.ts";
import { useI18n } from "../i18n/useI18n.ts";
import { PendingScreen } from "./PendingScreen.tsx";
import { useChangePassword } from "./useChangePassword.ts";

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordPage() {
  const { t } = useI18n();
  const change = useChangePassword();
  const [form] = Form.useForm<Values>();
  return (
    <PendingScreen title={t("pwd.title")}>
      <Alert type="info" showIcon title={t("pwd.must")} description={t("pwd.policy", { min: PASSWORD_MIN, max: PASSWORD_MAX })} style={{ marginBottom: 16 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword }, { onError: (err) => showFieldErrors(form, err) })
        }
        data-testid="change-password-form"
      >
        <Form.Item name="currentPassword" label={t("pwd.current")} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" data-testid="pwd-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t("pwd.new")}
          rules={[{ required: true }, { min: PASSWORD_MIN, max: PASSWORD_MAX, message: t("pwd.length", { min: PASSWORD_MIN, max: PASSWORD_MAX }) }]}
        >
          <Input.Password autoComplete="new-password" data-testid="pwd-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t("pwd.confirm")}
          dependencies={["newPassword"]}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: async (_r, value) => {
                if (value && value !== getFieldValue("newPassword")) throw new Error(t("pwd.mismatch"));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="pwd-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={change.isPending} data-testid="pwd-submit">
          {t("pwd.submit")}
        </Button>
      </Form>
    </PendingScreen>
  );
}
