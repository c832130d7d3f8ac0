/**
 * SMS through an HTTP gateway: POST {to, text} to SMS_GATEWAY_URL/send with the delivery's
 * idempotency key in the Idempotency-Key header (a resend after a crash is recognised by the
 * gateway), HTTP basic credentials, keep-alive connections.
 */
import { Agent, request } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { messageText } from "../warnings.rules.ts";
import type { ChannelAdapter, OutgoingMessage, SendResult } from "./channel.ts";

export function smsAdapter(opts: { url: string; user?: string; password?: string; template: string; signature: string; concurrency: number; timeoutMs?: number }): ChannelAdapter {
  const target = new URL(opts.url.replace(/\/$/, "") + "/send");
  const https = target.protocol === "https:";
  const agent = https ? new HttpsAgent({ keepAlive: true, maxSockets: opts.concurrency }) : new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const auth = opts.user ? `Basic ${Buffer.from(`${opts.user}:${opts.password ?? ""}`).toString("base64")}` : undefined;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    channel: "sms",
    send(m: OutgoingMessage): Promise<SendResult> {
      if (!m.address) return Promise.resolve({ ok: false, error: "no mobile number", permanent: true });
      const prefix = m.kind === "escalation" ? "【催办】本单位未按时签收预警，" : m.status === "cancelled" ? "【解除】" : m.status === "updated" ? "【更新】" : "";
      const text = prefix + messageText(opts.template, { sender: opts.signature, level: m.level, headline: m.headline, instruction: m.instruction, link: m.link });
      const body = JSON.stringify({ to: m.address, text });
      return new Promise((resolve) => {
        const req = (https ? httpsRequest : request)(target, {
          method: "POST", agent, timeout: timeoutMs,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "idempotency-key": m.idempotencyKey, ...(auth ? { authorization: auth } : {}) },
        }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) {
              let answer: { messageId?: string; status?: string } = {};
              try {
                answer = JSON.parse(Buffer.concat(chunks).toString("utf8"));
              } catch { /* a gateway that answers 2xx without JSON still took the message */ }
              resolve({ ok: true, status: answer.status === "delivered" ? "delivered" : "sent", providerId: answer.messageId });
            } else {
              // 4xx other than 408/429 will not get better by retrying.
              resolve({ ok: false, error: `gateway answered ${status}`, permanent: status >= 400 && status < 500 && status !== 408 && status !== 429 });
            }
          });
          res.on("error", (e) => resolve({ ok: false, error: e.message }));
        });
        req.on("timeout", () => req.destroy(new Error("gateway timeout")));
        req.on("error", (e) => resolve({ ok: false, error: e.message }));
        req.end(body);
      });
    },
    async close() {
      agent.destroy();
    },
  };
}
