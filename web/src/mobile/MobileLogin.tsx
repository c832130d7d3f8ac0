import { Button, Form } from "antd-mobile";
import { Navigate, useLocation, useNavigate } from "react-router";
import { useSignIn, type SignInValues } from "../app/auth/useSignIn.ts";
import { useMe } from "../app/auth/useMe.ts";
import { useI18n } from "../app/i18n/useI18n.ts";
import { MobileLangSwitch } from "./MobileLangSwitch.tsx";

type Values = SignInValues;

/** Sign-in of the field app: big native inputs, the 6-digit code asked only when the account has one. */
export function MobileLogin() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const target = from?.startsWith("/m/") && from !== "/m/login" ? from : "/m/contacts";

  const { submit, needTotp, error, pending } = useSignIn(() => navigate(target, { replace: true }));
  if (me && !pending) return <Navigate to={target} replace />;

  return (
    <div className="m-login">
      <div className="m-login-top">
        <MobileLangSwitch />
      </div>
      <div className="m-login-brand">
        <img src="/icons/icon-192.png" alt="" className="m-login-icon" />
        <div className="m-login-title">{t("m.appTitle")}</div>
        <div className="m-login-sub">{t("app.title")}</div>
      </div>
      {error && (
        <div className="m-error" data-testid="login-error">
          {error}
        </div>
      )}
      <Form
        layout="vertical"
        initialValues={{ username: "", password: "", totp: "" }}
        onFinish={(v: Values) => submit(v)}
        requiredMarkStyle="none"
        footer={
          <Button block type="submit" color="primary" size="large" loading={pending} data-testid="login-submit">
            {t("login.submit")}
          </Button>
        }
      >
        <Form.Item name="username" label={t("login.username")} rules={[{ required: true, message: t("login.usernameRequired") }]}>
          <input className="m-input" autoComplete="username" autoCapitalize="off" data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t("login.password")} rules={[{ required: true, message: t("login.passwordRequired") }]}>
          <input className="m-input" type="password" autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        {needTotp && (
          <Form.Item name="totp" label={t("login.totp")} rules={[{ required: true, pattern: /^\d{6}$/, message: t("login.totpInvalid") }]}>
            <input className="m-input" inputMode="numeric" maxLength={6} autoComplete="one-time-code" autoFocus data-testid="login-totp" />
          </Form.Item>
        )}
      </Form>
      <div className="m-login-foot">{t("m.loginFoot")}</div>
    </div>
  );
}
