/**
 * A small SMS gateway on loopback, for tests, the bench and demo mode: it answers like a gateway
 * that deduplicates on the Idempotency-Key header, and counts what it received. It sends nothing.
 *
 * POST /send  {to, text} + Idempotency-Key → 200 {messageId, status: "delivered", duplicate}
 * POST /send-batch {messages: [{key, to, text}]} → 200 {results: [{key, messageId, status} | {key, error}]}
 * GET  /stats → {requests, unique, duplicates, failed, perKey?}
 * Failures can be injected: the next N requests, or every request for some numbers, answer 503.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SmsMessage {
  key: string;
  to: string;
  text: string;
  at: number;
}

export class SmsSimulator {
  readonly messages = new Map<string, SmsMessage>();
  /** Requests per idempotency key (1 = sent once; more = resends the key made harmless). */
  readonly perKey = new Map<string, number>();
  /** Messages received (a batch counts each of its messages). */
  requests = 0;
  /** Batch requests received. */
  batches = 0;
  duplicates = 0;
  failed = 0;
  private failNext = 0;
  private failing = new Set<string>();
  private server: Server | null = null;
  private credentials: string | null;
  url = "";

  constructor(opts: { user?: string; password?: string } = {}) {
    this.credentials = opts.user ? `Basic ${Buffer.from(`${opts.user}:${opts.password ?? ""}`).toString("base64")}` : null;
  }

  /** The next `n` requests answer 503. */
  failNextRequests(n: number) {
    this.failNext = n;
  }
  /** Every request to these numbers answers 503 (until cleared with an empty list). */
  failNumbers(numbers: string[]) {
    this.failing = new Set(numbers);
  }

  stats() {
    return { requests: this.requests, unique: this.messages.size, duplicates: this.duplicates, failed: this.failed };
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req).then(([status, body]) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    }));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop() {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  private async handle(req: IncomingMessage): Promise<[number, unknown]> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method === "GET" && req.url === "/stats") return [200, this.stats()];
    if (req.method !== "POST" || (req.url !== "/send" && req.url !== "/send-batch")) return [404, { error: "not found" }];
    if (this.credentials && req.headers.authorization !== this.credentials) return [401, { error: "bad credentials" }];
    if (req.url === "/send-batch") return this.batch(Buffer.concat(chunks));
    this.requests++;
    let body: { to?: string; text?: string };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return [400, { error: "bad json" }];
    }
    const key = String(req.headers["idempotency-key"] ?? "");
    if (!key || !body.to || !body.text) return [400, { error: "to, text and Idempotency-Key are required" }];
    if (this.failNext > 0 || this.failing.has(body.to)) {
      if (this.failNext > 0) this.failNext--;
      this.failed++;
      return [503, { error: "gateway busy" }];
    }
    return [200, this.accept(key, body.to, body.text)];
  }

  private accept(key: string, to: string, text: string) {
    this.perKey.set(key, (this.perKey.get(key) ?? 0) + 1);
    if (this.messages.has(key)) {
      this.duplicates++;
      return { messageId: key, status: "delivered", duplicate: true };
    }
    this.messages.set(key, { key, to, text, at: Date.now() });
    return { messageId: key, status: "delivered", duplicate: false };
  }

  private batch(raw: Buffer): [number, unknown] {
    let body: { messages?: { key?: string; to?: string; text?: string }[] };
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      return [400, { error: "bad json" }];
    }
    if (!Array.isArray(body.messages)) return [400, { error: "messages required" }];
    this.batches++;
    const results = body.messages.map((m) => {
      this.requests++;
      if (!m.key || !m.to || !m.text) return { key: m.key ?? "", error: "to, text and key are required" };
      if (this.failNext > 0 || this.failing.has(m.to)) {
        if (this.failNext > 0) this.failNext--;
        this.failed++;
        return { key: m.key, error: "gateway busy" };
      }
      return { key: m.key, ...this.accept(m.key, m.to, m.text) };
    });
    return [200, { results }];
  }
}

/** Run alone (the crash test and the bench start it as its own process): prints the URL, serves until killed. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const sim = new SmsSimulator();
  const url = await sim.start(Number(process.env.PORT ?? 0));
  console.log(`SMS_SIMULATOR ${url}`);
}
