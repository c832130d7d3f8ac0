// TEMPORARY (test-infrastructure check) — deleted right after
import { describe, expect, it } from "vitest";
import pg from "pg";
describe("sample", () => {
  it("sees TEST_DB", () => {
    expect(["pglite", "postgres"]).toContain(process.env.TEST_DB);
  });
  it("connects to postgres when TEST_DB=postgres", async () => {
    if (process.env.TEST_DB !== "postgres") return;
    const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await c.connect();
    const db = "t_" + process.pid;
    await c.query(`create database ${db}`);
    const c2 = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL!.replace(/\/postgres$/, "/" + db) });
    await c2.connect();
    await c2.query("create extension ltree; create extension pg_trgm; create extension cube; create extension earthdistance; create extension pgcrypto");
    const r = await c2.query("select 'a.b'::ltree <@ 'a'::ltree as ok");
    expect(r.rows[0].ok).toBe(true);
    await c2.end();
    await c.query(`drop database ${db}`);
    await c.end();
  });
  it.skip("a skipped one", () => {});
});
