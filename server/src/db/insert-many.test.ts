import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../test/helpers.ts";
import { outboxEvents } from "../platform/events.table.ts";
import { insertMany } from "./insert-many.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({}, { demo: false });
});
afterAll(() => t?.close());

describe("insertMany", () => {
  it("inserts the rows in the order given and answers them as returning() does (types mapped, defaults filled)", async () => {
    const at = new Date("2026-07-01T08:00:00.123Z");
    const rows = await insertMany(t.db, outboxEvents, Array.from({ length: 300 }, (_, n) => ({
      type: `test.many.${n}`, unitPath: `d1.u${n}`, data: { n, text: "台风 \"quoted\" \\ back", nested: [1, { deep: null }] }, createdAt: at,
    })));
    expect(rows).toHaveLength(300);
    expect(rows.map((r) => r.type)).toEqual(Array.from({ length: 300 }, (_, n) => `test.many.${n}`));
    // Serial ids follow the order given.
    expect(rows.every((r, n) => n === 0 || r.id > rows[n - 1].id)).toBe(true);
    expect(rows[7]).toMatchObject({ unitPath: "d1.u7", data: { n: 7, text: "台风 \"quoted\" \\ back", nested: [1, { deep: null }] }, publishedAt: null });
    expect(rows[7].createdAt).toBeInstanceOf(Date);
    expect(rows[7].createdAt.toISOString()).toBe(at.toISOString());
    const [one] = await insertMany(t.db, outboxEvents, [{ type: "test.default", unitPath: "d1", data: {} }]);
    expect(Math.abs(one.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await insertMany(t.db, outboxEvents, [])).toEqual([]);
  });

  it("refuses rows that set a column with a default only in part (the others would get NULL, not the default)", async () => {
    await expect(insertMany(t.db, outboxEvents, [
      { type: "test.partial", unitPath: "d1", data: {}, createdAt: new Date() },
      { type: "test.partial", unitPath: "d1", data: {} },
    ])).rejects.toThrow(/created_at/);
  });
});
