import { DatePicker, Form, Input, Modal, Select, type ButtonProps } from "antd";
import { WARNING_LEVELS, type Warning } from "@yingji/contracts";
import { useState } from "react";
import { ApiError } from "../../../app/api.ts";
import { useMe } from "../../../app/auth/useMe.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { dayjs, TZ } from "../../../app/time.ts";
import { useWarningAction, type WarningAction } from "../hooks/useWarningAction.ts";

const TITLES = { approve: "warn.approveTitle", reject: "warn.reject", revise: "warn.revise", cancel: "warn.cancel", submit: "warn.submit" } as const;
const NOTES = { reject: "warn.rejectNote", revise: "warn.reviseNote", cancel: "warn.cancelNote" } as const;

/**
 * One dialog for 签发, 退回, 更新/延长 and 解除: a note where the step needs one, the
 * changes of an update, and the TOTP code when the account has one or the server asks.
 */
export function ActionModal({ warning, action, onClose, extra }: { warning: Warning; action: WarningAction | null; onClose: () => void; extra?: React.ReactNode }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const [form] = Form.useForm();
  const run = useWarningAction(warning.id);
  const [askTotp, setAskTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!action) return null;
  const withTotp = action !== "reject" && action !== "submit" && (me?.totpEnabled || askTotp);
  const note = action === "reject" || action === "revise" || action === "cancel";

  const submit = async () => {
    const v = await form.validateFields();
    const body: Record<string, unknown> = { version: warning.version };
    if (withTotp && v.totp) body.totp = v.totp;
    if (note) body.note = v.note;
    if (action === "revise") {
      if (v.level && v.level !== warning.level) body.level = v.level;
      if (v.headline && v.headline !== warning.headline) body.headline = v.headline;
      if (v.instruction !== undefined && v.instruction !== warning.instruction) body.instruction = v.instruction;
      if (v.expiresAt && !dayjs(v.expiresAt).isSame(dayjs(warning.expiresAt))) body.expiresAt = dayjs(v.expiresAt).format("YYYY-MM-DDTHH:mm:ssZ");
    }
    setError(null);
    try {
      await run.mutateAsync({ action, body });
      onClose();
    } catch (err) {
      if (err instanceof ApiError && /totp/i.test(err.code)) setAskTotp(true);
      setError((err as Error).message);
    }
  };

  return (
    <Modal
      open
      title={t(TITLES[action])}
      onCancel={onClose}
      onOk={() => void submit().catch(() => {})}
      okText={t(TITLES[action])}
      okButtonProps={{ loading: run.isPending, danger: action === "cancel", "data-testid": `warn-action-ok` } as ButtonProps}
      destroyOnHidden
      width={560}
    >
      {extra}
      <Form form={form} layout="vertical" preserve={false}
        initialValues={{ level: warning.level, headline: warning.headline, instruction: warning.instruction, expiresAt: dayjs(warning.expiresAt).tz(TZ) }}>
        {action === "revise" && (
          <>
            <Form.Item name="level" label={t("warn.level")}>
              <Select options={WARNING_LEVELS.map((l) => ({ value: l, label: t(`warn.levelLong.${l}`) }))} />
            </Form.Item>
            <Form.Item name="headline" label={t("warn.headline")} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input data-testid="warn-action-headline" />
            </Form.Item>
            <Form.Item name="instruction" label={t("warn.instruction")} rules={[{ max: 4000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="expiresAt" label={t("warn.expiresAt")}>
              <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
          </>
        )}
        {note && (
          <Form.Item name="note" label={t(NOTES[action as keyof typeof NOTES])} rules={[{ required: true, whitespace: true, max: 4000 }]}>
            <Input.TextArea rows={3} data-testid="warn-action-note" />
          </Form.Item>
        )}
        {withTotp && (
          <Form.Item name="totp" label={t("warn.totp")} extra={t("warn.totpHelp")} rules={[{ required: true, pattern: /^\d{6}$/, message: t("login.totpInvalid") }]}>
            <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" style={{ width: 160 }} data-testid="warn-action-totp" />
          </Form.Item>
        )}
      </Form>
      {error && <div className="warn-error" data-testid="warn-action-error">{error}</div>}
    </Modal>
  );
}
