import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "./module.ts";
import { forbidden } from "./errors.ts";
import { eventsSince, readableKinds, type EventHub, type LiveEvent } from "./events.ts";
import { actorOf } from "./http.ts";

const HEARTBEAT_MS = 25_000;

/** GET /api/events: the caller's live events as Server-Sent Events, resumable with Last-Event-ID. */
export async function eventsRoutes(app: FastifyInstance, ctx: AppContext, hub: EventHub) {
  app.withTypeProvider<ZodTypeProvider>().get("/api/events", {
    schema: {
      tags: ["platform"],
      summary: "Live events in the caller's scope whose objects the caller may read (text/event-stream); resumes after Last-Event-ID",
      querystring: z.object({ lastEventId: z.coerce.number().int().min(0).optional().describe("as the Last-Event-ID header, for clients that cannot set it") }),
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    // Only what the caller may read (contracts/events.ts); a role that may read none (the auditor) gets no stream.
    const kinds = readableKinds(actor.role);
    if (kinds.length === 0) throw forbidden("无权接收实时事件");
    const header = Number(req.headers["last-event-id"]);
    const resumeAfter = Number.isFinite(header) ? header : req.query.lastEventId;
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
      "x-content-type-options": "nosniff",
    });
    raw.write("retry: 3000\n\n");
    let lastSent = resumeAfter ?? 0;
    const send = (e: LiveEvent) => {
      if (e.id <= lastSent) return;
      lastSent = e.id;
      raw.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify({ type: e.type, at: e.at, data: e.data })}\n\n`);
    };
    // Subscribe first, then replay: nothing falls between, and `send` drops repeats.
    // A session that ends (logout, disabled account, changed role or unit, timeout) ends its stream: the hub checks (events.ts).
    const unsubscribe = hub.subscribe({ sessionId: actor.sessionId, role: actor.role, unitPath: actor.unitPath, kinds: new Set(kinds), send, close: () => raw.end() });
    if (resumeAfter !== undefined) for (const e of await eventsSince(ctx.db, actor, kinds, resumeAfter)) send(e);
    const heartbeat = setInterval(() => raw.write(": keep-alive\n\n"), HEARTBEAT_MS);
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
    };
    raw.on("close", close);
  });
}
