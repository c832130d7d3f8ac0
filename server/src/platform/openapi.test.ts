import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../test/helpers.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe("API description", () => {
  it("documents every API route in OpenAPI, with the contracts' field descriptions", async () => {
    const doc = (await t.app.inject({ url: "/api/openapi.json" })).json();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`));
    const routes = t.app.routeList.filter((r) => r.url.startsWith("/api/") && !r.url.startsWith("/api/docs") && r.url !== "/api/openapi.json").map((r) => `${r.method} ${r.url}`);
    expect(documented.sort()).toEqual(expect.arrayContaining(routes.sort()));
    const person = JSON.stringify(doc.paths["/api/org/people"].post);
    expect(person).toContain("information liaison officer (信息联络员)");
  });

  it("serves the browsable documentation page", async () => {
    const res = await t.app.inject({ url: "/api/docs/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
  });

  it("answers health with the database kind and version", async () => {
    const res = (await t.app.inject({ url: "/api/health" })).json();
    expect(res).toEqual({ status: "ok", db: process.env.TEST_DB === "postgres" ? "postgres" : "pglite", version: expect.any(String) });
  });
});
