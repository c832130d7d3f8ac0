import { describe, expect, it } from "vitest";
import { capacityOf, freeCapacity, nextStatus } from "./shelters.rules.ts";

describe("capacity", () => {
  it("is the usable area at 1.5 m² a person, rounded down, unless overridden", () => {
    expect(capacityOf(12_000, null, 1.5)).toBe(8000);
    expect(capacityOf(100, undefined, 1.5)).toBe(66);
    expect(capacityOf(12_000, 500, 1.5)).toBe(500);
    expect(capacityOf(12_000, 0, 1.5)).toBe(0);
  });
});

describe("status", () => {
  it("makes an open shelter full when occupancy reaches capacity", () => {
    expect(nextStatus({ status: "open", occupancy: 100 }, { occupancy: 0 }, 100)).toEqual({ status: "full", occupancy: 100 });
    expect(nextStatus({ status: "open", occupancy: 120 }, { occupancy: 0 }, 100)).toEqual({ status: "full", occupancy: 120 });
    expect(nextStatus({ status: "open", occupancy: 99 }, { occupancy: 0 }, 100)).toEqual({ status: "open", occupancy: 99 });
  });

  it("opens a full shelter again when occupancy drops below capacity", () => {
    expect(nextStatus({ status: "full", occupancy: 50 }, { occupancy: 100 }, 100)).toEqual({ status: "open", occupancy: 50 });
    expect(nextStatus({ status: "full" }, { occupancy: 10 }, 100)).toEqual({ status: "full", occupancy: 10 });
  });

  it("empties a shelter that is made ready or closed", () => {
    expect(nextStatus({ status: "closed", occupancy: 30 }, { occupancy: 30 }, 100)).toEqual({ status: "closed", occupancy: 0 });
    expect(nextStatus({ status: "ready" }, { occupancy: 30 }, 100)).toEqual({ status: "ready", occupancy: 0 });
  });

  it("keeps the occupancy when only the status is sent", () => {
    expect(nextStatus({ status: "open" }, { occupancy: 40 }, 100)).toEqual({ status: "open", occupancy: 40 });
  });

  it("offers no free places in a closed or full shelter", () => {
    expect(freeCapacity(100, "open", 40)).toBe(60);
    expect(freeCapacity(100, "ready", 0)).toBe(100);
    expect(freeCapacity(100, "closed", 0)).toBe(0);
    expect(freeCapacity(100, "full", 100)).toBe(0);
  });
});
