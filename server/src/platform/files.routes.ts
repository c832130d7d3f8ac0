import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParams } from "@yingji/contracts";
import type { AppContext } from "./module.ts";
import { notFound } from "./errors.ts";
import { fileRow, readStoredFile, sendDownload } from "./files.ts";
import { actorOf } from "./http.ts";
import { assertInScope, unitPath } from "./scope.ts";

export async function filesRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<ZodTypeProvider>().get("/api/files/:id", {
    schema: { tags: ["platform"], summary: "Download an uploaded file (evidence, attachment)", params: IdParams },
    config: { permission: "org.read" },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const f = await fileRow(ctx.db, req.params.id);
    if (!f) throw notFound("文件");
    assertInScope(actor, await unitPath(ctx.db, f.unitId), "文件");
    const data = await readStoredFile(ctx.config, f.id).catch(() => {
      throw notFound("文件");
    });
    return sendDownload(reply, { filename: f.name, contentType: f.contentType, data });
  });
}
