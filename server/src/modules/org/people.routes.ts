import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { BadPhoneList, CreatePersonInput, EmptyBody, IdParams, ImportResult, pageOf, PeopleQuery, Person, UnmaskedPhones, UpdatePersonInput } from "@yingji/contracts";
import type { AppContext } from "../../platform/module.ts";
import { importAnswer, sendXlsx, templateWorkbook } from "../../platform/excel.ts";
import { acceptRawUploads, uploadedFile } from "../../platform/files.ts";
import { actorOf } from "../../platform/http.ts";
import { exportPeople, importPeople, PEOPLE_SHEET } from "./org.excel.ts";
import { badPhones, createPerson, getPerson, listPeople, unmaskPerson, updatePerson } from "./people.service.ts";

export async function peopleRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ["people"];

  r.get("/api/org/people", {
    schema: { tags, summary: "Search the contact directory (phones masked)", querystring: PeopleQuery, response: { 200: pageOf(Person) } },
    config: { permission: "people.read" },
  }, async (req) => listPeople(db, actorOf(req), req.query));

  r.get("/api/org/people/template.xlsx", { schema: { tags, summary: "Excel template for importing people" }, config: { permission: "people.write" } },
    async (_req, reply) => sendXlsx(reply, "应急通讯录导入模板.xlsx", await templateWorkbook(PEOPLE_SHEET)));

  r.get("/api/org/people/export.xlsx", {
    schema: { tags, summary: "Export the directory (masked unless the caller may unmask; audited)", querystring: PeopleQuery.omit({ page: true, pageSize: true }) },
    config: { permission: "people.read" },
  }, async (req, reply) => sendXlsx(reply, "应急通讯录.xlsx", await exportPeople(db, actorOf(req), req.query)));

  r.get("/api/org/people/bad-phones", {
    schema: { tags, summary: "Stored numbers in scope that are no valid phone, to be fixed (号码有误)", response: { 200: BadPhoneList } },
    config: { permission: "people.write" },
  }, async (req) => badPhones(db, actorOf(req)));

  r.get("/api/org/people/:id", { schema: { tags, summary: "One person", params: IdParams, response: { 200: Person } }, config: { permission: "people.read" } },
    async (req) => getPerson(db, actorOf(req), req.params.id));

  r.post("/api/org/people", { schema: { tags, summary: "Add a person", body: CreatePersonInput, response: { 201: Person } }, config: { permission: "people.write" } },
    async (req, reply) => reply.status(201).send(await createPerson(db, actorOf(req), req.body)));

  r.patch("/api/org/people/:id", {
    schema: { tags, summary: "Edit a person", params: IdParams, body: UpdatePersonInput, response: { 200: Person } },
    config: { permission: "people.write" },
  }, async (req) => updatePerson(db, actorOf(req), req.params.id, req.body));

  r.post("/api/org/people/:id/unmask", {
    schema: { tags, summary: "Reveal a person's phone numbers (audited)", params: IdParams, body: EmptyBody, response: { 200: UnmaskedPhones } },
    config: { permission: "people.unmask" },
  }, async (req) => unmaskPerson(db, actorOf(req), req.params.id));

  await app.register(async (uploads) => {
    acceptRawUploads(uploads);
    uploads.withTypeProvider<ZodTypeProvider>().post("/api/org/people/import", {
      schema: { tags, summary: "Import people from the Excel template (all rows or none)", response: { 200: ImportResult } },
      config: { permission: "people.write" },
    }, async (req) => importAnswer(await importPeople(db, actorOf(req), uploadedFile(req).data)));
  });
}
