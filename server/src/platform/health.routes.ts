import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { VERSION, type AppContext } from "./module.ts";

export const Health = z.object({
  status: z.enum(["ok", "degraded"]),
  db: z.enum(["pglite", "postgres"]),
  version: z.string(),
});

export async function healthRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<ZodTypeProvider>().get("/api/health", {
    schema: { tags: ["platform"], summary: "Liveness and database reachability", response: { 200: Health, 503: Health } },
    config: { public: true, rateLimit: false },
  }, async (_req, reply) => {
    const dbOk = await ctx.db.execute(sql`select 1`).then(() => true, () => false);
    const body = { status: dbOk ? ("ok" as const) : ("degraded" as const), db: ctx.database.kind, version: VERSION };
    return reply.status(dbOk ? 200 : 503).send(body);
  });
}
