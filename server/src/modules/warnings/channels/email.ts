/** E-mail over SMTP (nodemailer, pooled connections); the idempotency key is the Message-ID. */
import nodemailer from "nodemailer";
import { WARNING_LEVEL_LABELS } from "@yingji/contracts";
import type { ChannelAdapter, OutgoingMessage, SendResult } from "./channel.ts";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function emailAdapter(opts: { smtpUrl: string; from: string; signature: string; concurrency: number }): ChannelAdapter {
  const transport = nodemailer.createTransport(`${opts.smtpUrl}${opts.smtpUrl.includes("?") ? "&" : "?"}pool=true&maxConnections=${Math.min(opts.concurrency, 10)}`);
  return {
    channel: "email",
    async send(m: OutgoingMessage): Promise<SendResult> {
      if (!m.address) return { ok: false, error: "no e-mail address", permanent: true };
      const level = WARNING_LEVEL_LABELS[m.level].zh;
      const prefix = m.kind === "escalation" ? "【催办】" : m.status === "cancelled" ? "【解除】" : m.status === "updated" ? "【更新】" : "";
      try {
        const info = await transport.sendMail({
          from: opts.from, to: m.address,
          subject: `${prefix}${level}：${m.headline}`,
          messageId: `<${m.idempotencyKey.replaceAll(":", ".")}@yingji>`,
          headers: { "X-Idempotency-Key": m.idempotencyKey },
          text: `${m.headline}\n\n${m.description}\n\n${m.instruction}\n\n请登录平台签收并报告响应措施：${m.link}\n\n${opts.signature}`,
          html: `<h2>${escapeHtml(level)}：${escapeHtml(m.headline)}</h2><p>${escapeHtml(m.description)}</p><p><b>${escapeHtml(m.instruction)}</b></p><p><a href="${escapeHtml(m.link)}">登录平台签收并报告响应措施</a></p><p>${escapeHtml(opts.signature)}</p>`,
        });
        return { ok: true, status: "sent", providerId: info.messageId };
      } catch (e) {
        const code = (e as { responseCode?: number }).responseCode;
        return { ok: false, error: (e as Error).message.slice(0, 500), permanent: code !== undefined && code >= 550 && code < 560 };
      }
    },
    async close() {
      transport.close();
    },
  };
}
