import { Button, Form } from "antd-mobile";
import { useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { useSignIn, type SignInValues } from "../app/auth/useSignIn.ts";
import { useMe } from "../app/auth/useMe.ts";
import { useI18n } from "../app/i18n/useI18n.ts";
import { MobileLangSwitch } from "./MobileLangSwitch.tsx";
import { queued } from "./incidents/offline-queue.ts";
import { lastUser } from "./offline/kept-queries.ts";

type Values = SignInValues;

/** Sign-in of the field app: big native inputs, the 6-digit code asked only when the account has one. */
export function MobileLogin() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const target = from?.startsWith("/m/") && from !== "/m/login" ? from : "/m/contacts";

  // A session that ended without signing out (expired while offline): ask only for the password.
  const [expired] = useState(lastUser);
  const waiting = expired ? queued(expired.id).length : 0;
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
      {expired && !error && (
        <div className="m-login-expired" data-testid="m-session-expired">
          <div>{t("m.sessionExpired")}</div>
          {waiting > 0 && <div data-testid="m-session-queue">{t("m.queueWaiting", { n: waiting })}</div>}
        </div>
      )}
      {error && (
        <div className="m-error" data-testid="login-error">
          {error}
        </div>
      )}
      <Form
        layout="vertical"
        initialValues={{ username: expired?.username ?? "", password: "", totp: "" }}
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
          <input className="m-input" type="password" autoComplete="current-password" autoFocus={!!expired} data-testid="login-password" />
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
