/** Pure pieces of the owed-work engine and its providers: order, day ends, certificate windows, field-app paths. */
import { describe, expect, it } from "vitest";
import type { TodoItem } from "@yingji/contracts";
import { endOfShanghaiDay } from "../../modules/duty/duty.todo.ts";
import { lapsing } from "../../modules/teams/teams.todo.ts";
import { fieldPath } from "../../modules/warnings/warnings.todo-alerts.ts";
import { orderTodo } from "./todo.service.ts";

const item = (key: string, deadline: string | null, overdue = false): TodoItem => ({
  key, kind: "incident.forward", title: key, detail: null, objectId: key, link: "/", deadline, overdue, unitName: null,
});

describe("orderTodo", () => {
  it("puts overdue items first, then the nearest deadline, then items without one, ties by key", () => {
    const out = orderTodo([item("c", null), item("b", "2026-01-02T00:00:00Z"), item("a", "2026-01-03T00:00:00Z"), item("z", "2026-01-05T00:00:00Z", true), item("y", "2026-01-04T00:00:00Z", true), item("d", null)]);
    expect(out.map((i) => i.key)).toEqual(["y", "z", "b", "a", "c", "d"]);
  });
});

describe("endOfShanghaiDay", () => {
  it("is the next midnight in Asia/Shanghai, also for a UTC time that is already the next day there", () => {
    expect(endOfShanghaiDay(new Date("2026-03-01T10:00:00+08:00")).toISOString()).toBe("2026-03-01T16:00:00.000Z");
    expect(endOfShanghaiDay(new Date("2026-03-01T17:30:00Z")).toISOString()).toBe("2026-03-02T16:00:00.000Z");
    expect(endOfShanghaiDay(new Date("2026-03-01T00:00:00+08:00")).toISOString()).toBe("2026-03-01T16:00:00.000Z");
  });
});

describe("lapsing", () => {
  it("lists certificates up to and including the limit day, earliest first, and ignores those without a date", () => {
    const members = [
      { name: "甲", certificates: [{ name: "A", expiresOn: "2026-05-02" }, { name: "B", expiresOn: null }] },
      { name: "乙", certificates: [{ name: "C", expiresOn: "2026-05-01" }, { name: "D", expiresOn: "2026-05-03" }] },
      { name: "丙" },
    ];
    expect(lapsing(members, "2026-05-02")).toEqual([{ member: "乙", certificate: "C", expiresOn: "2026-05-01" }, { member: "甲", certificate: "A", expiresOn: "2026-05-02" }]);
    expect(lapsing(null, "2030-01-01")).toEqual([]);
  });
});

describe("fieldPath", () => {
  it("opens a warning or an incident in the field app, and its home for anything else", () => {
    const id = "0b9c6a52-1c1f-4c57-9d51-6f1d2a3b4c5d";
    expect(fieldPath(`/warnings/${id}`)).toBe(`/m/warnings/${id}`);
    expect(fieldPath(`/incidents/${id}`)).toBe(`/m/report/${id}`);
    expect(fieldPath("/warnings/calls")).toBe("/m/");
    expect(fieldPath(`/materials/warehouses/${id}`)).toBe("/m/");
  });
});
