/** The settings of early warning, read once from the config (config.ts documents each). */
import type { WarningChannel } from "@yingji/contracts";
import type { Config } from "../../config.ts";
import { loadTrustedKeys, type TrustedKey } from "./cap/signature.ts";
import type { AckMinutes } from "./warnings.rules.ts";

export interface WarningSettings {
  ackMinutes: AckMinutes;
  maxAttempts: number;
  retryBaseSeconds: number;
  leaseSeconds: number;
  batchSize: number;
  concurrency: number;
  scanSeconds: number;
  sms: { url: string; user?: string; password?: string; template: string; batch: number } | null;
  smtpUrl: string | null;
  mailFrom: string;
  vapid: { publicKey: string; privateKey: string; subject: string } | null;
  signature: string;
  cap: { sender: string; format: string; area: string; senderCode: string };
  /** CAP_TRUSTED_CERTS, read at start (a file that cannot be read stops the start, naming it). */
  capTrustedKeys: TrustedKey[];
  publicUrl: string;
  require2fa: boolean;
}

export function warningSettings(config: Config): WarningSettings {
  const smsUrl = config.SMS_GATEWAY_URL ?? (config.demo ? "simulator" : undefined);
  return {
    ackMinutes: { red: config.WARNING_ACK_MINUTES_RED, orange: config.WARNING_ACK_MINUTES_ORANGE, yellow: config.WARNING_ACK_MINUTES_YELLOW, blue: config.WARNING_ACK_MINUTES_BLUE },
    maxAttempts: config.WARNING_MAX_ATTEMPTS,
    retryBaseSeconds: config.WARNING_RETRY_BASE_SECONDS,
    leaseSeconds: config.WARNING_LEASE_SECONDS,
    batchSize: config.WARNING_BATCH_SIZE,
    concurrency: config.WARNING_CONCURRENCY,
    scanSeconds: config.WARNING_SCAN_SECONDS,
    sms: smsUrl ? { url: smsUrl, user: config.SMS_GATEWAY_USER, password: config.SMS_GATEWAY_PASSWORD, template: config.SMS_TEMPLATE, batch: config.SMS_GATEWAY_BATCH } : null,
    smtpUrl: config.SMTP_URL ?? null,
    mailFrom: config.MAIL_FROM,
    vapid: config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY ? { publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY, subject: config.VAPID_SUBJECT } : null,
    signature: config.WARNING_SIGNATURE,
    cap: { sender: config.CAP_SENDER, format: config.CAP_IDENTIFIER_FORMAT, area: config.CAP_AREA_CODE, senderCode: config.CAP_SENDER_CODE },
    capTrustedKeys: loadTrustedKeys(config.CAP_TRUSTED_CERTS),
    publicUrl: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, ""),
    require2fa: config.require2fa,
  };
}

/** The channels this installation can send through: in-app always, the others when configured. */
export function availableChannels(s: WarningSettings): Set<WarningChannel> {
  const out = new Set<WarningChannel>(["inapp"]);
  if (s.sms) out.add("sms");
  if (s.smtpUrl) out.add("email");
  if (s.vapid) out.add("webpush");
  return out;
}
