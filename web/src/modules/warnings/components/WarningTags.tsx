import type { CapSignatureState, WarningLevel, WarningOrigin, WarningStatus } from "@yingji/contracts";
import { Tag, Tooltip } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { LEVEL_COLORS, STATUS_COLORS } from "../warnings.labels.ts";

/** 红/橙/黄/蓝 as a solid tag in the level's colour. */
export function LevelTag({ level, long }: { level: WarningLevel; long?: boolean }) {
  const { t } = useI18n();
  return (
    <Tag color={LEVEL_COLORS[level]} variant="solid" data-testid={`warn-level-${level}`} style={{ fontWeight: 600, color: level === "yellow" ? "#3b2f00" : "#fff" }}>
      {t(long ? `warn.levelLong.${level}` : `warn.level.${level}`)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: WarningStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]} data-testid={`warn-status-${status}`}>{t(`warn.status.${status}`)}</Tag>;
}

export function OriginTag({ origin }: { origin: WarningOrigin }) {
  const { t } = useI18n();
  return <Tag color={origin === "received" ? "purple" : "cyan"} variant="outlined">{t(`warn.origin.${origin}`)}</Tag>;
}

const SIGNATURE_COLORS: Record<CapSignatureState, string> = { unsigned: "default", signed: "gold", verified: "success", invalid: "error" };

/** Whether the received CAP document was signed, and whether the signature verified against a trusted certificate. */
export function SignatureTag({ state, note }: { state: CapSignatureState; note?: string | null }) {
  const { t } = useI18n();
  const tag = <Tag color={SIGNATURE_COLORS[state]} data-testid={`warn-signature-${state}`}>{t(`warn.signature.${state}`)}</Tag>;
  return note ? <Tooltip title={note}>{tag}</Tooltip> : tag;
}
