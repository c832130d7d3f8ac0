import { LockOutlined, SafetyOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { Navigate, useLocation, useNavigate } from "react-router";
import { useI18n } from "../i18n/useI18n.ts";
import { LanguageSwitch } from "../layout/LanguageSwitch.tsx";
import { useSignIn, type SignInValues } from "./useSignIn.ts";
import { useMe } from "./useMe.ts";

type Values = SignInValues;

export function LoginPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? "/";

  const { submit, needTotp, error, pending } = useSignIn(() => navigate(from, { replace: true }));
  if (me && !pending) return <Navigate to={from} replace />;

  return (
    <div className="login-screen">
      <div className="login-lang">
        <LanguageSwitch dark />
      </div>
      <div className="login-brand">
        <div className="login-emblem" />
        <div>
          <div className="login-title">{t("app.title")}</div>
          <div className="login-subtitle">{t("app.subtitle")}</div>
        </div>
      </div>
      <Card className="login-card" title={t("login.title")} variant="borderless">
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<Values> layout="vertical" size="large" onFinish={submit} requiredMark={false} data-testid="login-form">
          <Form.Item name="username" label={t("login.username")} rules={[{ required: true, message: t("login.usernameRequired") }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t("login.password")} rules={[{ required: true, message: t("login.passwordRequired") }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {needTotp && (
            <Form.Item
              name="totp"
              label={t("login.totp")}
              extra={t("login.totpHelp")}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t("login.totpInvalid") }]}
            >
              <Input
                prefix={<SafetyOutlined />}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                autoFocus
                data-testid="login-totp"
              />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={pending} data-testid="login-submit">
            {t("login.submit")}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="login-note">
          {t("login.note")}
        </Typography.Paragraph>
      </Card>
      <div className="login-footer">{t("app.footer")}</div>
    </div>
  );
}
