/**
 * SMS through an HTTP gateway: POST {to, text} to SMS_GATEWAY_URL/send with the delivery's
 * idempotency key in the Idempotency-Key header (a resend after a crash is recognised by the
 * gateway), HTTP basic credentials, keep-alive connections. With SMS_GATEWAY_BATCH > 1, several
 * messages go in one request to …/send-batch, each with its key (what bulk gateways offer).
 */
import { Agent, request } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { messageText } from "../warnings.rules.ts";
import type { ChannelAdapter, OutgoingMessage, SendResult } from "./channel.ts";

export function smsAdapter(opts: { url: string; user?: string; password?: string; template: string; signature: string; concurrency: number; batch?: number; timeoutMs?: number }): ChannelAdapter {
  const target = new URL(opts.url.replace(/\/$/, "") + "/send");
  const batchTarget = new URL(opts.url.replace(/\/$/, "") + "/send-batch");
  const https = target.protocol === "https:";
  const agent = https ? new HttpsAgent({ keepAlive: true, maxSockets: opts.concurrency }) : new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const auth = opts.user ? `Basic ${Buffer.from(`${opts.user}:${opts.password ?? ""}`).toString("base64")}` : undefined;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const textOf = (m: OutgoingMessage) => {
    const prefix = m.kind === "escalation" ? "【催办】本单位未按时签收预警，" : m.status === "cancelled" ? "【解除】" : m.status === "updated" ? "【更新】" : "";
    return prefix + messageText(opts.template, { sender: opts.signature, level: m.level, headline: m.headline, instruction: m.instruction, link: m.link });
  };
  type Posted = { ok: true; json: unknown } | { ok: false; error: string; permanent?: boolean };
  const post = (url: URL, body: string, headers: Record<string, string>): Promise<Posted> => new Promise((resolve) => {
    const req = (https ? httpsRequest : request)(url, {
      method: "POST", agent, timeout: timeoutMs,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers, ...(auth ? { authorization: auth } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          let json: unknown = null;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          } catch { /* a gateway that answers 2xx without JSON still took the message */ }
          resolve({ ok: true, json });
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
  return {
    channel: "sms",
    batchSize: opts.batch && opts.batch > 1 ? opts.batch : undefined,
    async send(m: OutgoingMessage): Promise<SendResult> {
      if (!m.address) return { ok: false, error: "no mobile number", permanent: true };
      const r = await post(target, JSON.stringify({ to: m.address, text: textOf(m) }), { "idempotency-key": m.idempotencyKey });
      if (!r.ok) return r;
      const answer = r.json as { messageId?: string; status?: string } | null;
      return { ok: true, status: answer?.status === "delivered" ? "delivered" : "sent", providerId: answer?.messageId };
    },
    /** Several messages in one request (POST …/send-batch {messages: [{key, to, text}]}), each answered by its key. */
    async sendBatch(ms: OutgoingMessage[]): Promise<SendResult[]> {
      const withAddress = ms.filter((m) => m.address);
      const r = withAddress.length
        ? await post(batchTarget, JSON.stringify({ messages: withAddress.map((m) => ({ key: m.idempotencyKey, to: m.address, text: textOf(m) })) }), {})
        : ({ ok: true, json: { results: [] } } as const);
      const answers = new Map(((r.ok ? (r.json as { results?: { key: string; status?: string; messageId?: string; error?: string }[] } | null)?.results : null) ?? []).map((a) => [a.key, a]));
      return ms.map((m): SendResult => {
        if (!m.address) return { ok: false, error: "no mobile number", permanent: true };
        if (!r.ok) return r;
        const a = answers.get(m.idempotencyKey);
        if (!a) return { ok: false, error: "no answer for this message" };
        if (a.error) return { ok: false, error: a.error };
        return { ok: true, status: a.status === "delivered" ? "delivered" : "sent", providerId: a.messageId };
      });
    },
    async close() {
      agent.destroy();
    },
  };
}
