import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { MarkNotificationsReadInput, NotificationList, NotificationMutes, TodoList } from "@yingji/contracts";
import { actorOf } from "../http.ts";
import type { AppContext, TodoAlertChannel, TodoProvider, Worker } from "../module.ts";
import { startTodoAlerts } from "./todo.alerts.ts";
import { markNotificationsRead, mutedKinds, notificationsFor, setMutedKinds, todoFor } from "./todo.service.ts";

/**
 * GET /api/todo and the notification centre: every signed-in user has a list (it holds only what
 * waits on them); and the worker that pushes new items through the modules' alert channels.
 */
export async function todoRoutes(app: FastifyInstance, ctx: AppContext, providers: readonly TodoProvider[], channels: readonly TodoAlertChannel[] = []) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  let alerts: Worker | null = null;
  app.addHook("onReady", async () => {
    alerts = startTodoAlerts(ctx, providers, channels, ctx.config.TODO_PUSH_SECONDS, (err) => app.log.error({ err }, "to-do alerts failed"));
  });
  app.addHook("preClose", async () => alerts?.stop());
  const tags = ["platform"];

  r.get("/api/todo", {
    schema: { tags, summary: "What waits on the caller (待办): each item with its deadline, overdue or not, and a link to act", response: { 200: TodoList } },
  }, async (req) => todoFor(ctx, providers, actorOf(req)));

  r.get("/api/notifications", {
    schema: { tags, summary: "The caller's notification centre: the latest entries and the unread count (muted kinds not counted)", response: { 200: NotificationList } },
  }, async (req) => notificationsFor(ctx, providers, actorOf(req)));

  r.post("/api/notifications/read", {
    schema: { tags, summary: "Mark entries of the caller's centre read (the given ids, or all)", body: MarkNotificationsReadInput, response: { 200: z.object({ marked: z.number().int() }) } },
  }, async (req) => ({ marked: await markNotificationsRead(ctx.db, actorOf(req), req.body.ids) }));

  r.get("/api/notifications/mutes", {
    schema: { tags, summary: "Kinds whose alerts the caller turned off", response: { 200: NotificationMutes } },
  }, async (req) => ({ kinds: await mutedKinds(ctx.db, actorOf(req).id) }));

  r.put("/api/notifications/mutes", {
    schema: { tags, summary: "Set the kinds whose alerts the caller turns off (a kind, never a deadline: items stay on the list)", body: NotificationMutes, response: { 200: NotificationMutes } },
  }, async (req) => ({ kinds: await setMutedKinds(ctx.db, actorOf(req), req.body.kinds) }));
}
