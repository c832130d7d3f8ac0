/**
 * Material reserves (物资储备): warehouses, the item catalogue, stock and its movements,
 * inspections, and requisitions with compensation (征用补偿).
 *
 * Stock is the sum of movements: `stock_movements` is append-only, and `stock_balances`
 * holds each warehouse × item × batch total, changed only together with a movement in one
 * transaction under the balance row's lock. A CHECK keeps it from going below zero.
 */
import { sql } from "drizzle-orm";
import { check, date, doublePrecision, index, integer, jsonb, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tz } from "../../db/columns.ts";
import { registryColumns, registryIndexes } from "../../platform/registry.columns.ts";

const qty = (name: string) => numeric(name, { precision: 16, scale: 3, mode: "number" });

export const warehouses = pgTable("warehouses", {
  ...registryColumns(),
  kind: text("kind").notNull(),
  area: doublePrecision("area"),
  managerName: text("manager_name"),
  managerPhone: text("manager_phone"),
  dutyPhone: text("duty_phone"),
  note: text("note"),
  lastInspectedAt: tz("last_inspected_at"),
}, (t) => registryIndexes("warehouses", t));

export const materialItems = pgTable("material_items", {
  ...registryColumns(),
  category: text("category").notNull(),
  specification: text("specification"),
  measureUnit: text("measure_unit").notNull(),
  note: text("note"),
}, (t) => registryIndexes("material_items", t));

export const stockBalances = pgTable("stock_balances", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  warehouseId: uuid("warehouse_id").notNull().references(() => warehouses.id),
  itemId: uuid("item_id").notNull().references(() => materialItems.id),
  batch: text("batch").notNull().default(""),
  quantity: qty("quantity").notNull().default(0),
  expiresOn: date("expires_on", { mode: "string" }),
  updatedAt: tz("updated_at").notNull().defaultNow(),
}, (t) => [
  uniqueIndex("stock_balances_uq").on(t.warehouseId, t.itemId, t.batch),
  index("stock_balances_item_idx").on(t.itemId, t.warehouseId),
  check("stock_balances_not_negative", sql`${t.quantity} >= 0`),
]);

/** Minimum reserve (最低储备) of an item in a warehouse, all batches together. */
export const stockMinimums = pgTable("stock_minimums", {
  warehouseId: uuid("warehouse_id").notNull().references(() => warehouses.id),
  itemId: uuid("item_id").notNull().references(() => materialItems.id),
  minimum: qty("minimum").notNull(),
  updatedAt: tz("updated_at").notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.warehouseId, t.itemId] })]);

export const warehouseInspections = pgTable("warehouse_inspections", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  warehouseId: uuid("warehouse_id").notNull().references(() => warehouses.id),
  at: tz("at").notNull().defaultNow(),
  byId: uuid("by_id"),
  byName: text("by_name"),
  note: text("note"),
  /** [{itemId, batch, expected, counted, difference}] as counted. */
  lines: jsonb("lines").notNull(),
  adjustments: integer("adjustments").notNull(),
}, (t) => [index("warehouse_inspections_wh_idx").on(t.warehouseId, t.at)]);

export const stockMovements = pgTable("stock_movements", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  at: tz("at").notNull().defaultNow(),
  kind: text("kind").notNull(),
  warehouseId: uuid("warehouse_id").notNull().references(() => warehouses.id),
  itemId: uuid("item_id").notNull().references(() => materialItems.id),
  batch: text("batch").notNull().default(""),
  /** Signed change of the balance; a transfer is two rows sharing transfer_id. */
  delta: qty("delta").notNull(),
  balanceAfter: qty("balance_after").notNull(),
  reason: text("reason"),
  incidentId: uuid("incident_id"),
  inspectionId: uuid("inspection_id").references(() => warehouseInspections.id),
  transferId: uuid("transfer_id"),
  byId: uuid("by_id"),
  byName: text("by_name"),
}, (t) => [
  index("stock_movements_balance_idx").on(t.warehouseId, t.itemId, t.batch),
  index("stock_movements_at_idx").on(t.at),
]);

export const requisitions = pgTable("requisitions", {
  ...registryColumns(),
  fromKind: text("from_kind").notNull(),
  fromParty: text("from_party").notNull(),
  fromPhone: text("from_phone"),
  requisitionedAt: tz("requisitioned_at").notNull(),
  incidentId: uuid("incident_id"),
  description: text("description"),
  valuation: doublePrecision("valuation"),
  outcome: text("outcome").notNull().default("in_use"),
  returnedAt: tz("returned_at"),
  compensationDecided: doublePrecision("compensation_decided"),
  compensationDecidedOn: date("compensation_decided_on", { mode: "string" }),
  compensationPaid: doublePrecision("compensation_paid"),
  compensationPaidOn: date("compensation_paid_on", { mode: "string" }),
  documents: uuid("documents").array().notNull().default(sql`'{}'::uuid[]`),
}, (t) => registryIndexes("requisitions", t));
