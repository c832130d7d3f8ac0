import { Alert, Button, Descriptions, Flex, Form, Input, QRCode, Steps, Typography } from "antd";
import { useI18n } from "../i18n/useI18n.ts";
import { PendingScreen } from "./PendingScreen.tsx";
import { useTotpEnrol } from "./useTotpEnrol.ts";

/** Enrolment of the second factor: a QR code of the otpauth URL to scan, and the secret as text to type in. */
export function TotpEnrolPage() {
  const { t } = useI18n();
  const { setup, enable } = useTotpEnrol();
  const secret = setup.data;
  return (
    <PendingScreen title={t("totp.title")}>
      <Alert type="warning" showIcon title={t("totp.must")} style={{ marginBottom: 16 }} />
      <Steps
        size="small"
        current={secret ? 1 : 0}
        style={{ marginBottom: 20 }}
        items={[{ title: t("totp.step1") }, { title: t("totp.step2") }]}
      />
      {!secret ? (
        <Button type="primary" block onClick={() => setup.mutate()} loading={setup.isPending} data-testid="totp-setup">
          {t("totp.getSecret")}
        </Button>
      ) : (
        <>
          <Flex vertical align="center" gap={8} style={{ marginBottom: 16 }}>
            <div data-testid="totp-qr">
              <QRCode value={secret.otpauthUrl} size={196} errorLevel="M" type="svg" />
            </div>
            <Typography.Text type="secondary" style={{ textAlign: "center" }}>
              {t("totp.scan")}
            </Typography.Text>
          </Flex>
          <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }} styles={{ label: { width: 100, whiteSpace: "nowrap" } }}>
            <Descriptions.Item label={t("totp.secret")}>
              <Typography.Text code copyable data-testid="totp-secret" style={{ fontSize: 15, letterSpacing: 1 }}>
                {secret.secret}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t("totp.url")}>
              <Typography.Text copyable data-testid="totp-url" style={{ wordBreak: "break-all", fontSize: 12 }}>
                {secret.otpauthUrl}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Form layout="vertical" onFinish={(v: { code: string }) => enable.mutate(v.code)}>
            <Form.Item name="code" label={t("totp.code")} rules={[{ required: true, pattern: /^\d{6}$/, message: t("login.totpInvalid") }]}>
              <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" data-testid="totp-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={enable.isPending} data-testid="totp-enable">
              {t("totp.enable")}
            </Button>
          </Form>
        </>
      )}
    </PendingScreen>
  );
}
