import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { CreateUserInput, IdParams, pageOf, UpdateUserInput, UserListQuery, UserSummary } from "@yingji/contracts";
import type { AppContext } from "../module.ts";
import { actorOf } from "../http.ts";
import { createUser, getUser, listUsers, updateUser } from "./users.service.ts";
import { auditActor } from "./actor.ts";

export async function usersRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ["users"];

  r.get("/api/users", {
    schema: { tags, summary: "List accounts", querystring: UserListQuery, response: { 200: pageOf(UserSummary) } },
    config: { permission: "users.manage" },
  }, async (req) => listUsers(db, actorOf(req), req.query));

  r.get("/api/users/:id", {
    schema: { tags, summary: "One account", params: IdParams, response: { 200: UserSummary } },
    config: { permission: "users.manage" },
  }, async (req) => getUser(db, actorOf(req), req.params.id));

  r.post("/api/users", {
    schema: { tags, summary: "Create an account (the user changes the password at first login)", body: CreateUserInput, response: { 201: UserSummary } },
    config: { permission: "users.manage" },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const u = await createUser(db, { ...auditActor(actor), unitPath: actor.unitPath, role: actor.role }, req.body);
    return reply.status(201).send(await getUser(db, actor, u.id));
  });

  r.patch("/api/users/:id", {
    schema: { tags, summary: "Change role, unit, status or password of an account", params: IdParams, body: UpdateUserInput, response: { 200: UserSummary } },
    config: { permission: "users.manage" },
  }, async (req) => updateUser(db, actorOf(req), req.params.id, req.body));
}
