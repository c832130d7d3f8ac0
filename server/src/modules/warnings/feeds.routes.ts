import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { CreateWarningFeedInput, EmptyBody, FeedPollResult, IdParams, Ok, UpdateWarningFeedInput, WarningFeed } from "@yingji/contracts";
import type { AppContext } from "../../platform/module.ts";
import { actorOf } from "../../platform/http.ts";
import { loadTrustedKeys } from "./cap/signature.ts";
import { pollFeed } from "./feeds.poller.ts";
import { createFeed, deleteFeed, feedInScope, getFeed, listFeeds, updateFeed } from "./feeds.service.ts";

export async function warningFeedsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = ctx;
  const trustedKeys = loadTrustedKeys(config.CAP_TRUSTED_CERTS);
  const tags = ["warnings"];
  const read = { permission: "warnings.import" } as const;
  const manage = { permission: "warnings.feeds" } as const;

  r.get("/api/warning-feeds", {
    schema: { tags, summary: "CAP feeds polled for warnings from above (预警信息源), with the state of their last poll", response: { 200: z.array(WarningFeed) } },
    config: read,
  }, async (req) => listFeeds(db, actorOf(req)));

  r.post("/api/warning-feeds", {
    schema: { tags, summary: "Add a feed of the caller's unit: a CAP document or an Atom/RSS feed of CAP links, polled at its interval; with WARNING_FEED_HOSTS set, only on those hosts", body: CreateWarningFeedInput, response: { 201: WarningFeed } },
    config: manage,
  }, async (req, reply) => reply.status(201).send(await createFeed(db, actorOf(req), req.body, config.WARNING_FEED_HOSTS)));

  r.get("/api/warning-feeds/:id", { schema: { tags, summary: "One feed", params: IdParams, response: { 200: WarningFeed } }, config: read },
    async (req) => getFeed(db, actorOf(req), req.params.id));

  r.patch("/api/warning-feeds/:id", {
    schema: { tags, summary: "Change a feed (address, interval, on/off)", params: IdParams, body: UpdateWarningFeedInput, response: { 200: WarningFeed } },
    config: manage,
  }, async (req) => updateFeed(db, actorOf(req), req.params.id, req.body, config.WARNING_FEED_HOSTS));

  r.delete("/api/warning-feeds/:id", {
    schema: { tags, summary: "Remove a feed (the alerts it brought stay)", params: IdParams, body: EmptyBody, response: { 200: Ok } },
    config: manage,
  }, async (req) => {
    await deleteFeed(db, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  r.post("/api/warning-feeds/:id/poll", {
    schema: { tags, summary: "Read the feed now and import what is new as the owning unit's received warnings; the answer says what was found", params: IdParams, body: EmptyBody, response: { 200: FeedPollResult } },
    config: read,
  }, async (req) => pollFeed(db, await feedInScope(db, actorOf(req), req.params.id), {
    timeoutSeconds: config.WARNING_FEED_TIMEOUT_SECONDS, hosts: config.WARNING_FEED_HOSTS, privateHosts: config.WARNING_FEED_PRIVATE_HOSTS, trustedKeys,
  }));
}
