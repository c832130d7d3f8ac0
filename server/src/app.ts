/** Builds the Fastify app: platform plugins first, then every module's routes. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { LogController, type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import { LIMITS } from "@yingji/contracts";
import { auditRoutes } from "./platform/audit.routes.ts";
import { registerCompression, registerWebApp } from "./platform/delivery.ts";
import { authRoutes } from "./platform/auth/auth.routes.ts";
import { usersRoutes } from "./platform/auth/users.routes.ts";
import { liveSessions } from "./platform/auth/sessions.ts";
import { EventHub, startEventRelay } from "./platform/events.ts";
import { eventsRoutes } from "./platform/events.routes.ts";
import { filesRoutes } from "./platform/files.routes.ts";
import { healthRoutes } from "./platform/health.routes.ts";
import { registerHttpPlatform, type RouteInfo } from "./platform/http.ts";
import { registerModules, VERSION, type AppContext, type YingjiModule } from "./platform/module.ts";
import { todoRoutes } from "./platform/todo/todo.routes.ts";
import { dutyModule } from "./modules/duty/duty.module.ts";
import { incidentsModule } from "./modules/incidents/incidents.module.ts";
import { mapModule } from "./modules/map/map.module.ts";
import { materialsModule } from "./modules/materials/materials.module.ts";
import { orgModule } from "./modules/org/org.module.ts";
import { sheltersModule } from "./modules/shelters/shelters.module.ts";
import { teamsModule } from "./modules/teams/teams.module.ts";
import { warningsModule } from "./modules/warnings/warnings.module.ts";
import { startWarningWorkers, type WarningWorkers } from "./modules/warnings/warnings.dispatch.ts";
import { warningSettings } from "./modules/warnings/warnings.settings.ts";
import { startFeedPoller } from "./modules/warnings/feeds.poller.ts";
import { loadTrustedKeys } from "./modules/warnings/cap/signature.ts";

export { VERSION } from "./platform/module.ts";

// Validation messages in Chinese, as the rest of the API's errors (the field name stays as sent).
z.config(z.locales.zhCN());

export type { AppContext } from "./platform/module.ts";

/** Every domain module, in dependency order: adding a module is one line here. */
export const MODULES: readonly YingjiModule[] = [orgModule, dutyModule, incidentsModule, teamsModule, materialsModule, sheltersModule, mapModule, warningsModule];

const webDist = fileURLToPath(new URL("../../web/dist", import.meta.url));

export async function buildApp(ctx: AppContext): Promise<FastifyInstance & { routeList: RouteInfo[]; hub: EventHub }> {
  const { config } = ctx;
  const app = Fastify({
    logger: config.LOG_LEVEL === "silent" ? false : { level: config.LOG_LEVEL },
    bodyLimit: LIMITS.jsonBodyBytes,
    trustProxy: config.TRUST_PROXY,
    logController: new LogController({ disableRequestLogging: config.LOG_LEVEL !== "debug" && config.LOG_LEVEL !== "trace" }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const routeList: RouteInfo[] = [];

  await app.register(swagger, {
    openapi: {
      info: { title: "Yingji (应急) API", version: VERSION, description: "District emergency-management platform" },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "yj_sid" } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await registerHttpPlatform(app, config, ctx.db, routeList);
  await registerCompression(app);

  app.get("/api/openapi.json", { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/docs")) route.config = { ...(route.config ?? {}), public: true };
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", uiConfig: { url: "/api/openapi.json" } as object });

  await healthRoutes(app, ctx);
  await authRoutes(app, ctx);
  await usersRoutes(app, ctx);
  await auditRoutes(app, ctx);
  await filesRoutes(app, ctx);
  await registerModules(app, ctx, MODULES);
  // The owed-work engine: each module's to-do providers, one list per caller.
  await todoRoutes(app, ctx, MODULES.flatMap((m) => m.todo ?? []), MODULES.flatMap((m) => m.todoAlerts ?? []));

  // CAP feeds from above, polled while the app runs (several processes share them).
  let feedPoller: { stop(): Promise<void> } | null = null;
  if (config.WARNING_FEEDS_POLL) {
    app.addHook("onReady", async () => {
      feedPoller = startFeedPoller(ctx.db, {
        timeoutSeconds: config.WARNING_FEED_TIMEOUT_SECONDS, tickSeconds: config.WARNING_FEED_TICK_SECONDS, hosts: config.WARNING_FEED_HOSTS, privateHosts: config.WARNING_FEED_PRIVATE_HOSTS,
        trustedKeys: loadTrustedKeys(config.CAP_TRUSTED_CERTS),
        onError: (err) => app.log.error({ err }, "warning feed poller"),
      });
    });
    app.addHook("preClose", async () => {
      await feedPoller?.stop();
    });
  }

  // Live events: this process's SSE clients, fed by the outbox relay while the app runs.
  const hub = new EventHub((ids) => liveSessions(ctx.db, config, ids));
  await eventsRoutes(app, ctx, hub);
  let relay: { stop(): Promise<void> } | null = null;
  app.addHook("onReady", async () => {
    relay = await startEventRelay(ctx.database, hub);
  });
  app.addHook("preClose", async () => {
    hub.closeAll();
    await relay?.stop();
  });

  // Warning delivery workers (SKIP LOCKED: every process shares the fan-out) and the escalation/expiry scan.
  let warningWorkers: WarningWorkers | null = null;
  if (config.WARNING_WORKERS) {
    app.addHook("onReady", async () => {
      warningWorkers = await startWarningWorkers(ctx.database, warningSettings(config), { log: (msg) => app.log.info(msg) });
    });
    app.addHook("preClose", async () => {
      await warningWorkers?.stop();
    });
  }

  // The console (/) and the field app (/m/): two entries of one build, pre-compressed.
  if (config.SERVE_WEB && existsSync(webDist)) await registerWebApp(app, webDist);

  return Object.assign(app, { routeList, hub }) as unknown as FastifyInstance & { routeList: RouteInfo[]; hub: EventHub };
}
