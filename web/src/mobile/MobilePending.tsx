import { PASSWORD_MAX, PASSWORD_MIN, type Me } from "@yingji/contracts";
import { Button, Form, NoticeBar, Result } from "antd-mobile";
import { useChangePassword } from "../app/auth/useChangePassword.ts";
import { useLogout } from "../app/auth/useLogout.ts";
import { useI18n } from "../app/i18n/useI18n.ts";

/** First-login steps on a phone: the password change here; TOTP enrolment on the console. */
export function MobilePending({ me }: { me: Me }) {
  const { t } = useI18n();
  const change = useChangePassword();
  const logout = useLogout();
  const out = (
    <Button block fill="none" onClick={() => logout.mutate(false)}>
      {t("header.logout")}
    </Button>
  );
  if (!me.mustChangePassword) {
    return (
      <div className="m-page-pad">
        <Result status="warning" title={t("totp.title")} description={t("m.totpOnConsole")} />
        <Button block color="primary" size="large" onClick={() => window.location.assign("/")}>
          {t("m.openConsole")}
        </Button>
        {out}
      </div>
    );
  }
  return (
    <div className="m-page-pad">
      <NoticeBar content={t("pwd.must")} color="alert" wrap />
      <Form
        layout="vertical"
        initialValues={{ currentPassword: "", newPassword: "" }}
        onFinish={(v: { currentPassword: string; newPassword: string }) => change.mutate(v)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={change.isPending}>
            {t("pwd.submit")}
          </Button>
        }
      >
        <Form.Item name="currentPassword" label={t("pwd.current")} rules={[{ required: true }]}>
          <input className="m-input" type="password" autoComplete="current-password" data-testid="pwd-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t("pwd.new")}
          help={t("pwd.policy", { min: PASSWORD_MIN, max: PASSWORD_MAX })}
          rules={[{ required: true }, { min: PASSWORD_MIN, max: PASSWORD_MAX, message: t("pwd.length", { min: PASSWORD_MIN, max: PASSWORD_MAX }) }]}
        >
          <input className="m-input" type="password" autoComplete="new-password" data-testid="pwd-new" />
        </Form.Item>
      </Form>
      {out}
    </div>
  );
}
