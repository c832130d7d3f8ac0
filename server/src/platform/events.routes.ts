import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../app.ts";
import { resolveSession, SESSION_COOKIE } from "./auth/sessions.ts";
import { eventsSince, type EventHub, type LiveEvent } from "./events.ts";
import { actorOf } from "./http.ts";

const HEARTBEAT_MS = 25_000;
const SESSION_RECHECK_MS = 60_000;

/** GET /api/events: the caller's live events as Server-Sent Events, resumable with Last-Event-ID. */
export async function eventsRoutes(app: FastifyInstance, ctx: AppContext, hub: EventHub) {
  app.withTypeProvider<ZodTypeProvider>().get("/api/events", {
    schema: {
      tags: ["platform"],
      summary: "Live events in the caller's scope (text/event-stream); resumes after Last-Event-ID",
      querystring: z.object({ lastEventId: z.coerce.number().int().min(0).optional().describe("as the Last-Event-ID header, for clients that cannot set it") }),
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
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
    const unsubscribe = hub.subscribe({ unitPath: actor.unitPath, send, close: () => raw.end() });
    if (resumeAfter !== undefined) for (const e of await eventsSince(ctx.db, actor, resumeAfter)) send(e);
    const token = req.cookies[SESSION_COOKIE];
    const heartbeat = setInterval(() => raw.write(": keep-alive\n\n"), HEARTBEAT_MS);
    // A session that ends (logout, disabled account, timeout) ends its stream too.
    const recheck = setInterval(async () => {
      // Checked without touching: an open stream alone does not keep a session alive.
      const still = token ? await resolveSession(ctx.db, ctx.config, token, req.ip, { touch: false }).catch(() => null) : null;
      if (!still) raw.end();
    }, SESSION_RECHECK_MS);
    const close = () => {
      clearInterval(heartbeat);
      clearInterval(recheck);
      unsubscribe();
    };
    raw.on("close", close);
  });
}
