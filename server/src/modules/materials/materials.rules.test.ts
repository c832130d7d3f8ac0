import { describe, expect, it } from "vitest";
import { compensationStatus, deltaOf, lineAlerts, movementFault, round3, shanghaiDay } from "./materials.rules.ts";

const W1 = "00000000-0000-4000-8000-000000000001";
const W2 = "00000000-0000-4000-8000-000000000002";

describe("movements", () => {
  it("turns a movement into the signed change of its warehouse", () => {
    expect(deltaOf("in", 5)).toBe(5);
    expect(deltaOf("out", 5)).toBe(-5);
    expect(deltaOf("transfer", 5)).toBe(-5);
    expect(deltaOf("adjust", -2)).toBe(-2);
    expect(deltaOf("adjust", 3)).toBe(3);
  });

  it("names the field of an inconsistent movement", () => {
    expect(movementFault({ kind: "out", quantity: -1, warehouseId: W1 })?.[0]).toBe("quantity");
    expect(movementFault({ kind: "transfer", quantity: 1, warehouseId: W1 })?.[0]).toBe("toWarehouseId");
    expect(movementFault({ kind: "transfer", quantity: 1, warehouseId: W1, toWarehouseId: W1 })?.[0]).toBe("toWarehouseId");
    expect(movementFault({ kind: "in", quantity: 1, warehouseId: W1, toWarehouseId: W2 })?.[0]).toBe("toWarehouseId");
    expect(movementFault({ kind: "adjust", quantity: -1, warehouseId: W1 })?.[0]).toBe("reason");
    expect(movementFault({ kind: "adjust", quantity: -1, warehouseId: W1, reason: "盘亏" })).toBeNull();
    expect(movementFault({ kind: "transfer", quantity: 1, warehouseId: W1, toWarehouseId: W2 })).toBeNull();
  });

  it("rounds quantities to three decimals", () => {
    expect(round3(0.1 + 0.2)).toBe(0.3);
  });
});

describe("alerts", () => {
  const today = "2026-06-01";
  const warn = "2026-07-01";
  it("flags an item below its minimum, all batches together", () => {
    expect(lineAlerts({ itemTotal: 9, minimum: 10, expiresOn: null, quantity: 9 }, today, warn)).toEqual(["below_minimum"]);
    expect(lineAlerts({ itemTotal: 10, minimum: 10, expiresOn: null, quantity: 4 }, today, warn)).toEqual([]);
    expect(lineAlerts({ itemTotal: 0, minimum: 0, expiresOn: null, quantity: 0 }, today, warn)).toEqual([]);
  });

  it("flags batches expiring within the window and expired ones, not empty batches", () => {
    expect(lineAlerts({ itemTotal: 5, minimum: null, expiresOn: "2026-06-20", quantity: 5 }, today, warn)).toEqual(["expiring"]);
    expect(lineAlerts({ itemTotal: 5, minimum: null, expiresOn: "2026-05-31", quantity: 5 }, today, warn)).toEqual(["expired"]);
    expect(lineAlerts({ itemTotal: 5, minimum: null, expiresOn: "2026-07-02", quantity: 5 }, today, warn)).toEqual([]);
    expect(lineAlerts({ itemTotal: 0, minimum: null, expiresOn: "2026-05-31", quantity: 0 }, today, warn)).toEqual([]);
  });

  it("counts days in Asia/Shanghai", () => {
    expect(shanghaiDay(new Date("2026-05-31T17:00:00Z"))).toBe("2026-06-01");
    expect(shanghaiDay(new Date("2026-05-31T15:00:00Z"), 30)).toBe("2026-06-30");
  });
});

describe("compensation", () => {
  it("is none until decided, paid when the decided amount is paid", () => {
    expect(compensationStatus(null, null)).toBe("none");
    expect(compensationStatus(1000, null)).toBe("decided");
    expect(compensationStatus(1000, 500)).toBe("decided");
    expect(compensationStatus(1000, 1000)).toBe("paid");
  });
});
