/**
 * The generic registry (convention 12). Given a declaration from contracts (fields with
 * their schemas) and a Drizzle table built on registryColumns(), it registers list, detail,
 * create, patch (optimistic concurrency: a stale version gets 409), deactivate, history,
 * Excel template/export/import, and offers the map layer and the nearest search of the
 * registry. Scope, audit, live events and validation are done here once; a module declares
 * only what differs through hooks (derived columns, computed values, extra checks).
 *
 * Scope: a caller sees the rows of their subtree and of the units above them (a town sees the
 * district's teams), and changes only rows of their subtree. Anything else answers 404.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { and, asc, count, desc, eq, getTableColumns, ilike, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import {
  can, createInput, Version, excelFields, filterKeys, HistoryEntry, IdParams, ImportResult, itemSchema, listQuery, pageOf, updateInput,
  type FieldDecl, type RegistryDecl,
} from "@yingji/contracts";
import type { Config } from "../config.ts";
import type { Db, Q, Tx } from "../db/client.ts";
import { auditBy, recordAudit, recordAuditMany } from "./audit.ts";
import type { Actor } from "./auth/actor.ts";
import { badRequest, conflict, forbidden, notFound, refNotFound } from "./errors.ts";
import { emitEvent } from "./events.ts";
import { exportWorkbook, importAnswer, readImport, sendXlsx, templateWorkbook, validateRows, zodFaults, type RowFault, type SheetColumn, type SheetSpec } from "./excel.ts";
import { acceptRawUploads, uploadedFile } from "./files.ts";
import { assertLocation, districtCentre, distanceFrom, inBBox, locationFault, nearestFirst, type Point } from "./geo.ts";
import { actorOf } from "./http.ts";
import { auditLog } from "./platform.table.ts";
import { assertRefsInScope, FILE_REF, inScope, UNIT_REF, unitPath, type RefCheck } from "./scope.ts";
import { maskMobilesDeep, maskPhone, maskPhoneSql, mayUnmask } from "./masking.ts";

/** The columns registryColumns() gives every registry table. */
export type RegistryTable = PgTable & {
  id: AnyPgColumn; unitId: AnyPgColumn; unitPath: AnyPgColumn; name: AnyPgColumn; lat: AnyPgColumn; lon: AnyPgColumn;
  address: AnyPgColumn; active: AnyPgColumn; version: AnyPgColumn; updatedAt: AnyPgColumn; updatedBy: AnyPgColumn; createdBy: AnyPgColumn;
};
export type Row = Record<string, unknown> & { id: string; unitId: string; unitPath: string; name: string; version: number; active: boolean; lat: number | null; lon: number | null };
type Values = Record<string, unknown>;

/** Lookups a registry needs from other modules, handed in by the module that declares it. */
export interface RegistryRefs {
  /** Incident types by id, name and code (to check ids and to read names in imports). */
  incidentTypes(q: Q): Promise<{ id: string; name: string; code: string; parentId: string | null }[]>;
  /** Throws 404 when the incident is not in the caller's scope. */
  incidentInScope(q: Q, actor: Actor, id: string): Promise<unknown>;
}

export interface RegistrySpec {
  decl: RegistryDecl;
  table: RegistryTable;
  /**
   * Columns derived from what is written (shelter capacity, readiness since…): gets the merged
   * values (before + changes) and the row before (null on create), returns extra columns.
   */
  derive?(values: Values, before: Row | null, config: Config): Values;
  /** Computed values of the declaration's `computed`, from a row. */
  present?(row: Row, now: Date): Values;
  /** Columns never set from a create/update body (changed by the module's own routes). */
  readOnly?: string[];
}

export interface Registry extends RegistrySpec {
  /** Rows visible to the caller (own subtree and the units above). */
  visible(actor: Actor): SQL;
  /** One visible row, or 404. */
  row(q: Q, actor: Actor, id: string, forUpdate?: boolean): Promise<Row>;
  /** One row the caller may change, or 404 (403 when visible but above the caller). */
  writableRow(tx: Q, actor: Actor, id: string): Promise<Row>;
  presentRow(row: Row & { unitName?: string }, actor: Actor): Values;
  /** Updates a row the caller may change (already locked), with audit and event; returns the new row. */
  writeUpdate(tx: Tx, actor: Actor, before: Row, changes: Values, action?: string): Promise<Row>;
  /** The map layer / nearest search conditions of the declared filters. */
  filterConditions(query: Record<string, unknown>): SQL[];
  columns: Record<string, AnyPgColumn>;
}

const DATE_KINDS = new Set(["datetime"]);

export function defineRegistry(spec: RegistrySpec): Registry {
  const { decl, table } = spec;
  const columns = getTableColumns(table) as unknown as Record<string, AnyPgColumn>;
  for (const key of Object.keys(decl.fields)) if (!columns[key]) throw new Error(`registry ${decl.key}: table has no column for field ${key}`);

  const visible = (actor: Actor) => sql`(${table.unitPath} <@ ${actor.unitPath}::ltree or ${table.unitPath} @> ${actor.unitPath}::ltree)`;

  async function row(q: Q, actor: Actor, id: string, forUpdate = false): Promise<Row> {
    const base = q.select().from(table).where(and(eq(table.id, id), visible(actor)));
    const [r] = (await (forUpdate ? base.for("update") : base)) as Row[];
    if (!r) throw notFound(decl.label.zh);
    return r;
  }

  async function writableRow(tx: Q, actor: Actor, id: string): Promise<Row> {
    const r = await row(tx, actor, id, true);
    if (!inScope(actor, r.unitPath)) throw forbidden(`上级单位的${decl.label.zh}只能查看`);
    return r;
  }

  function presentRow(r: Row & { unitName?: string }, actor: Actor): Values {
    r = maskRow(decl, r, actor);
    const out: Values = {
      id: r.id, unitId: r.unitId, unitName: r.unitName ?? "", name: r.name, lat: r.lat, lon: r.lon, address: r.address ?? null, active: r.active,
      editable: can(actor.role, decl.permissions.write) && inScope(actor, r.unitPath),
      createdAt: (r.createdAt as Date).toISOString(), updatedAt: (r.updatedAt as Date).toISOString(), version: r.version,
    };
    for (const [k, f] of Object.entries(decl.fields)) {
      const v = r[k];
      out[k] = v instanceof Date ? v.toISOString() : v ?? (f.kind === "rows" || f.kind === "enumSet" || f.kind === "tags" ? [] : null);
    }
    Object.assign(out, spec.present?.(r, new Date()) ?? {});
    return out;
  }

  function filterConditions(query: Record<string, unknown>): SQL[] {
    const where: SQL[] = [];
    for (const k of filterKeys(decl)) {
      const v = query[k];
      if (v === undefined || v === null || v === "") continue;
      const f = decl.fields[k];
      const col = columns[k];
      if (f.kind === "enum") where.push(eq(col, v));
      else if (f.kind === "enumSet") where.push(sql`${col} @> array[${v}]::text[]`);
      else if (f.kind === "incidentTypes") where.push(sql`${col} @> array[${v}]::uuid[]`);
      else if (f.kind === "boolean") where.push(eq(col, v === "true"));
    }
    return where;
  }

  async function writeUpdate(tx: Tx, actor: Actor, before: Row, changes: Values, action = `${decl.entity}.update`): Promise<Row> {
    const [after] = (await tx.update(table).set({ ...changes, updatedAt: new Date(), updatedBy: actor.id, version: before.version + 1 } as never)
      .where(eq(table.id, before.id)).returning()) as Row[];
    await recordAudit(tx, { ...auditBy(actor), action, entity: decl.entity, entityId: before.id, before, after });
    await emitEvent(tx, { type: `${decl.key}.changed`, unitPath: after.unitPath, data: { id: after.id, action } });
    return after;
  }

  return { ...spec, visible, row, writableRow, presentRow, writeUpdate, filterConditions, columns };
}

/** A row with the numbers of people masked, unless the caller may unmask (people.unmask). */
export function maskRow<R extends Record<string, unknown>>(decl: RegistryDecl, row: R, actor: Pick<Actor, "role">): R {
  if (mayUnmask(actor)) return row;
  const out: Record<string, unknown> = { ...row };
  for (const [k, f] of Object.entries(decl.fields)) {
    if (f.masked && typeof out[k] === "string") out[k] = maskPhone(out[k] as string);
    if (f.kind === "rows" && Array.isArray(out[k]) && f.fields && Object.values(f.fields).some((s) => s.masked)) {
      out[k] = (out[k] as Record<string, unknown>[]).map((sub) => maskRow({ ...decl, fields: f.fields! }, sub, actor));
    }
  }
  return out as R;
}

// ---------------------------------------------------------------- service

type ListQuery = Record<string, unknown> & { page: number; pageSize: number; q?: string; sort?: string; unitId?: string; includeInactive?: string };

async function listWhere(q: Q, reg: Registry, actor: Actor, query: Omit<ListQuery, "page" | "pageSize">): Promise<SQL | undefined> {
  const { table, decl, columns } = reg;
  const where: (SQL | undefined)[] = [reg.visible(actor)];
  if (query.unitId) {
    const path = await unitPath(q, query.unitId as string);
    if (!path || !(inScope(actor, path) || inScope({ unitPath: path }, actor.unitPath))) throw notFound("单位");
    where.push(sql`${table.unitPath} <@ ${path}::ltree`);
  }
  if (query.includeInactive !== "true") where.push(eq(table.active, true));
  if (query.q) {
    const like = `%${query.q}%`;
    where.push(or(ilike(table.name, like), ...decl.search.map((k) => ilike(columns[k], like))));
  }
  where.push(...reg.filterConditions(query));
  return and(...where);
}

const unitNameOf = (table: RegistryTable) => sql<string>`(select name from org_units u where u.id = ${table.unitId})`;

export async function listRows(q: Q, reg: Registry, actor: Actor, query: ListQuery) {
  const { table, columns } = reg;
  const cond = await listWhere(q, reg, actor, query);
  const sortKey = query.sort?.replace(/^-/, "") ?? "name";
  const order = query.sort?.startsWith("-") ? desc(columns[sortKey]) : asc(columns[sortKey]);
  const [rows, [{ total }]] = await Promise.all([
    q.select({ r: table, unitName: unitNameOf(table) }).from(table).where(cond).orderBy(order, asc(table.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    q.select({ total: count() }).from(table).where(cond),
  ]);
  return { items: rows.map((x) => reg.presentRow({ ...(x.r as Row), unitName: x.unitName }, actor)), total, page: query.page, pageSize: query.pageSize };
}

export async function getRow(q: Q, reg: Registry, actor: Actor, id: string) {
  const r = await reg.row(q, actor, id);
  const [{ name }] = (await q.execute<{ name: string }>(sql`select name from org_units where id = ${r.unitId}`)).rows;
  return reg.presentRow({ ...r, unitName: name }, actor);
}

/** Checks references and locations of a create/update body; throws 400 naming the field. */
async function checkInput(q: Q, reg: Registry, actor: Actor, refs: RegistryRefs, config: Config, input: Values, before: Row | null) {
  // Ids in the body are scope-checked like the row's own (security notes, input finding 6).
  const refChecks: RefCheck[] = [["unitId", UNIT_REF, input.unitId as string | undefined]];
  for (const [k, f] of Object.entries(reg.decl.fields)) if (f.kind === "files") refChecks.push([k, FILE_REF, input[k] as string[] | null | undefined]);
  await assertRefsInScope(q, actor, refChecks);
  if (reg.decl.located && (input.lat !== undefined || input.lon !== undefined)) {
    const lat = (input.lat ?? before?.lat) as number | null;
    const lon = (input.lon ?? before?.lon) as number | null;
    if (lat === null || lat === undefined) throw badRequest("lat", "缺少纬度");
    if (lon === null || lon === undefined) throw badRequest("lon", "缺少经度");
    await assertLocation(q, config, { lat, lon });
  }
  for (const [k, f] of Object.entries(reg.decl.fields)) {
    const v = input[k];
    if (v === undefined || v === null) continue;
    if (f.kind === "incidentTypes" && (v as string[]).length) {
      const known = new Set((await refs.incidentTypes(q)).map((t) => t.id));
      const bad = (v as string[]).find((id) => !known.has(id));
      if (bad) throw badRequest(k, `没有这个事件类型：${bad}`);
    }
    if (f.kind === "incident") await refs.incidentInScope(q, actor, v as string).catch(() => { throw refNotFound(k, "事件"); });
  }
}

/** Turns body values into column values (datetimes as Date). */
function toColumns(reg: Registry, input: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(input)) {
    if (k === "version") continue;
    if (reg.readOnly?.includes(k)) continue;
    const f = reg.decl.fields[k];
    out[k] = f && DATE_KINDS.has(f.kind) && typeof v === "string" ? new Date(v) : v;
  }
  return out;
}

export async function createRow(db: Db, reg: Registry, actor: Actor, refs: RegistryRefs, config: Config, input: Values) {
  await checkInput(db, reg, actor, refs, config, input, null);
  const values = toColumns(reg, input);
  const id = await db.transaction(async (tx) => {
    const all = { ...values, ...(reg.derive?.(values, null, config) ?? {}) };
    const [r] = (await tx.insert(reg.table).values({ ...all, createdBy: actor.id, updatedBy: actor.id } as never).returning()) as Row[];
    await recordAudit(tx, { ...auditBy(actor), action: `${reg.decl.entity}.create`, entity: reg.decl.entity, entityId: r.id, after: r });
    await emitEvent(tx, { type: `${reg.decl.key}.changed`, unitPath: r.unitPath, data: { id: r.id, action: "create" } });
    return r.id;
  });
  return getRow(db, reg, actor, id);
}

export async function updateRow(db: Db, reg: Registry, actor: Actor, refs: RegistryRefs, config: Config, id: string, input: Values & { version: number }) {
  const existing = await reg.row(db, actor, id);
  await checkInput(db, reg, actor, refs, config, input, existing);
  await db.transaction(async (tx) => {
    const before = await reg.writableRow(tx, actor, id);
    if (before.version !== input.version) throw conflict();
    const changes = toColumns(reg, input);
    const derived = reg.derive?.({ ...before, ...changes }, before, config) ?? {};
    await reg.writeUpdate(tx, actor, before, { ...changes, ...derived });
  });
  return getRow(db, reg, actor, id);
}

export async function deactivateRow(db: Db, reg: Registry, actor: Actor, id: string, version?: number) {
  await db.transaction(async (tx) => {
    const before = await reg.writableRow(tx, actor, id);
    if (version !== undefined && before.version !== version) throw conflict();
    await reg.writeUpdate(tx, actor, before, { active: false }, `${reg.decl.entity}.deactivate`);
  });
  return getRow(db, reg, actor, id);
}

export async function historyOf(q: Q, reg: Registry, actor: Actor, id: string) {
  await reg.row(q, actor, id);
  const rows = await q.select().from(auditLog).where(and(eq(auditLog.entity, reg.decl.entity), eq(auditLog.entityId, id))).orderBy(asc(auditLog.seq));
  // The log keeps rows as written: their numbers are masked here as in the row itself, and any mobile in free text too.
  const shown = (v: unknown) => (mayUnmask(actor) || !v || typeof v !== "object" ? v : maskMobilesDeep(maskRow(reg.decl, v as Record<string, unknown>, actor)));
  return rows.map((e) => ({ seq: e.seq, at: e.at.toISOString(), actorName: e.actorName, action: e.action, before: shown(e.before), after: shown(e.after) }));
}

// ---------------------------------------------------------------- Excel

/** The sheet of a registry: name, unit, location, then the declared fields. */
export function sheetOf(decl: RegistryDecl): SheetSpec {
  const col = (key: string, f: FieldDecl): SheetColumn => {
    const opts = f.options ? Object.values(f.options).map((o) => o.zh).join("、") : undefined;
    const note = f.kind === "enum" ? `可选：${opts}` : f.kind === "enumSet" ? `多个用顿号分隔，可选：${opts}`
      : f.kind === "tags" ? "多个用顿号分隔" : f.kind === "incidentTypes" ? "多个用分号分隔（事件类型名称或编码）"
      : f.kind === "date" ? "格式 2026-01-31" : f.kind === "datetime" ? "格式 2026-01-31 08:00" : f.kind === "boolean" ? "是/否" : f.help?.zh;
    return { key, header: f.label.zh + (f.suffix ? `(${f.suffix})` : ""), required: !!f.required, example: f.example, note, width: f.kind === "textarea" ? 30 : undefined };
  };
  return {
    sheetName: decl.sheet,
    columns: [
      { key: "name", header: "名称", required: true, width: 28, example: `示例${decl.label.zh}` },
      { key: "unit", header: "所属单位", required: true, width: 24, example: "湖塘镇", note: "单位编码或名称（名称须唯一）" },
      ...(decl.located ? [
        { key: "lat", header: "纬度", required: true, example: "31.72", note: "WGS-84，如 31.72" },
        { key: "lon", header: "经度", required: true, example: "119.97", note: "WGS-84，如 119.97" },
        { key: "address", header: "地址", width: 30, example: "" },
      ] : []),
      ...excelFields(decl).map(([k, f]) => col(k, f)),
    ],
  };
}

const SPLIT = /[、,，;；\n]+/;
/** Incident type names hold "、" themselves (崩塌、滑坡、泥石流): their lists are split at semicolons and commas only. */
const TYPE_SPLIT = /[;；,，\n]+/;
const yes = (v: string) => ["是", "y", "yes", "true", "1", "有"].includes(v.trim().toLowerCase());

/** One cell's text → the body value of its field; a fault names what is wrong. */
export function parseCell(f: FieldDecl, text: string, types: Map<string, string>): { value?: unknown; reason?: string } {
  if (text === "") return { value: undefined };
  const byLabel = (v: string) => Object.entries(f.options ?? {}).find(([code, l]) => code === v || l.zh === v || l.en.toLowerCase() === v.toLowerCase())?.[0];
  switch (f.kind) {
    case "integer":
    case "number": {
      const n = Number(text.replace(/,/g, ""));
      return Number.isFinite(n) ? { value: n } : { reason: `不是数字：${text}` };
    }
    case "boolean":
      return { value: yes(text) };
    case "date":
      return /^\d{4}-\d{2}-\d{2}/.test(text) ? { value: text.slice(0, 10) } : { reason: `日期格式应为 2026-01-31：${text}` };
    case "datetime": {
      const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/.exec(text);
      if (m) return { value: `${m[1]}T${m[2]}${m[3] ?? ":00"}+08:00` };
      return Number.isNaN(Date.parse(text)) ? { reason: `时间格式应为 2026-01-31 08:00：${text}` } : { value: new Date(text).toISOString() };
    }
    case "enum": {
      const v = byLabel(text);
      return v ? { value: v } : { reason: `不是可选值：${text}` };
    }
    case "enumSet": {
      const parts = text.split(SPLIT).map((s) => s.trim()).filter(Boolean);
      const bad = parts.find((p) => !byLabel(p));
      return bad ? { reason: `不是可选值：${bad}` } : { value: parts.map((p) => byLabel(p)) };
    }
    case "tags":
      return { value: text.split(SPLIT).map((s) => s.trim()).filter(Boolean) };
    case "incidentTypes": {
      const parts = text.split(TYPE_SPLIT).map((s) => s.trim()).filter(Boolean);
      const bad = parts.find((p) => !types.has(p));
      return bad ? { reason: `没有这个事件类型：${bad}` } : { value: parts.map((p) => types.get(p)) };
    }
    default:
      return { value: text };
  }
}

/** Text of a value for the export (the same text the import reads back). */
function cellOf(f: FieldDecl, v: unknown, typeNames: Map<string, string>): unknown {
  if (v === null || v === undefined) return "";
  const label = (code: string) => f.options?.[code]?.zh ?? code;
  if (f.kind === "enum") return label(v as string);
  if (f.kind === "enumSet") return (v as string[]).map(label).join("、");
  if (f.kind === "tags") return (v as string[]).join("、");
  if (f.kind === "incidentTypes") return (v as string[]).map((id) => typeNames.get(id) ?? id).join("；");
  if (f.kind === "boolean") return v ? "是" : "否";
  if (f.kind === "datetime") return new Date(v as string).toLocaleString("sv-SE", { timeZone: "Asia/Shanghai" }).slice(0, 16);
  return v;
}

export async function exportRows(q: Q, reg: Registry, actor: Actor, query: Omit<ListQuery, "page" | "pageSize">, refs: RegistryRefs): Promise<Buffer> {
  const { decl, table, columns } = reg;
  const cond = await listWhere(q, reg, actor, query);
  const rows = await q.select({ r: table, unitName: unitNameOf(table) }).from(table).where(cond).orderBy(asc(columns.name)).limit(100_000);
  const typeNames = new Map((await refs.incidentTypes(q)).map((t) => [t.id, t.name]));
  const spec = sheetOf(decl);
  const computed = Object.entries(decl.computed ?? {}).filter(([, c]) => c.list);
  spec.columns.push(...computed.map(([k, c]) => ({ key: `computed.${k}`, header: c.label.zh + (c.suffix ? `(${c.suffix})` : "") })));
  const fields = Object.fromEntries(excelFields(decl));
  return exportWorkbook(spec, rows.map(({ r, unitName }) => {
    const row = r as Row;
    const shown = reg.presentRow({ ...row, unitName }, actor);
    const out: Values = { name: row.name, unit: unitName, lat: row.lat, lon: row.lon, address: row.address ?? "" };
    for (const [k, f] of Object.entries(fields)) out[k] = cellOf(f, shown[k], typeNames);
    for (const [k] of computed) out[`computed.${k}`] = shown[k] instanceof Date ? (shown[k] as Date).toISOString() : (shown[k] as string | number | null) ?? "";
    return out;
  }));
}

/** All rows or none: every row is parsed, checked with the create schema, its unit and location; then one transaction. */
export async function importRows(db: Db, reg: Registry, actor: Actor, refs: RegistryRefs, config: Config, data: Buffer): Promise<ImportResult> {
  const { decl } = reg;
  const spec = sheetOf(decl);
  const rows = await readImport(spec, data);
  const types = new Map<string, string>();
  for (const t of await refs.incidentTypes(db)) types.set(t.name, t.id).set(t.code, t.id);
  const units = (await db.execute<{ id: string; name: string; code: string | null; path: string }>(sql`select id, name, code, path::text as path from org_units where active and path <@ ${actor.unitPath}::ltree`)).rows;
  const unitByCode = new Map(units.filter((u) => u.code).map((u) => [u.code!, u]));
  const unitsByName = new Map<string, typeof units>();
  for (const u of units) unitsByName.set(u.name, [...(unitsByName.get(u.name) ?? []), u]);
  const centre = config.GEO_DISTRICT_CHECK ? await districtCentre(db) : null;
  const schema = createInput(decl);
  const fields = Object.fromEntries(excelFields(decl));

  const { values, result } = await validateRows(spec, rows, async (raw) => {
    const faults: RowFault[] = [];
    const body: Values = { name: raw.name };
    const unit = unitByCode.get(raw.unit) ?? ((unitsByName.get(raw.unit) ?? []).length === 1 ? unitsByName.get(raw.unit)![0] : undefined);
    if (!unit) faults.push({ column: "unit", reason: (unitsByName.get(raw.unit) ?? []).length > 1 ? `单位名称不唯一，请填单位编码：${raw.unit}` : `不在本单位管辖范围内或不存在：${raw.unit}` });
    else body.unitId = unit.id;
    if (decl.located) {
      for (const k of ["lat", "lon"] as const) {
        const n = Number(raw[k]);
        if (!Number.isFinite(n)) faults.push({ column: k, reason: `不是数字：${raw[k]}` });
        else body[k] = n;
      }
      if (raw.address) body.address = raw.address;
    }
    for (const [k, f] of Object.entries(fields)) {
      const { value, reason } = parseCell(f, raw[k] ?? "", types);
      if (reason) faults.push({ column: k, reason });
      else if (value !== undefined) body[k] = value;
    }
    if (faults.length) return { faults };
    const parsed = schema.safeParse(body);
    if (!parsed.success) return { faults: zodFaults(parsed.error.issues).map((x) => ({ ...x, column: x.column === "unitId" ? "unit" : x.column })) };
    if (decl.located) {
      const fault = locationFault(config, centre, parsed.data as unknown as Point);
      if (fault) return { faults: [{ column: fault.field, reason: fault.reason }] };
    }
    return { value: toColumns(reg, parsed.data as Values), faults: [] };
  });
  if (!result.ok) return result;
  await db.transaction(async (tx) => {
    const inserted: Row[] = [];
    for (let i = 0; i < values.length; i += 500) {
      const chunk = values.slice(i, i + 500).map((v) => ({ ...v, ...(reg.derive?.(v, null, config) ?? {}), createdBy: actor.id, updatedBy: actor.id }));
      inserted.push(...((await tx.insert(reg.table).values(chunk as never).returning()) as Row[]));
    }
    await recordAuditMany(tx, inserted.map((r) => ({ ...auditBy(actor), action: `${decl.entity}.import`, entity: decl.entity, entityId: r.id, after: r })));
    await emitEvent(tx, { type: `${decl.key}.changed`, unitPath: actor.unitPath, data: { action: "import", count: inserted.length } });
  });
  return { ...result, written: values.length };
}

// ---------------------------------------------------------------- routes

const DeactivateBody = z.strictObject({ version: Version.min(1).optional() }).nullish();

/** Registers the REST routes of one registry under /api/<key>. */
export async function registryRoutes(app: FastifyInstance, ctx: { db: Db; config: Config }, reg: Registry, refs: RegistryRefs) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = ctx;
  const { decl } = reg;
  const base = `/api/${decl.key}`;
  const tags = [decl.key];
  const read = { permission: decl.permissions.read };
  const write = { permission: decl.permissions.write };
  const Item = itemSchema(decl);
  const Query = listQuery(decl);
  const label = decl.label.en.toLowerCase();

  r.get(base, { schema: { tags, summary: `List ${label} (filters, search, pages)`, querystring: Query, response: { 200: pageOf(Item) } }, config: read },
    async (req) => listRows(db, reg, actorOf(req), req.query as ListQuery));

  r.get(`${base}/template.xlsx`, { schema: { tags, summary: `Excel template for importing ${label}` }, config: write },
    async (_req, reply) => sendXlsx(reply, `${decl.sheet}导入模板.xlsx`, await templateWorkbook(sheetOf(decl))));

  r.get(`${base}/export.xlsx`, { schema: { tags, summary: `Export ${label} (the list's filters)`, querystring: Query.omit({ page: true, pageSize: true }) }, config: read },
    async (req, reply) => sendXlsx(reply, `${decl.sheet}.xlsx`, await exportRows(db, reg, actorOf(req), req.query as ListQuery, refs)));

  r.get(`${base}/:id`, { schema: { tags, summary: `One of the ${label}`, params: IdParams, response: { 200: Item } }, config: read },
    async (req) => getRow(db, reg, actorOf(req), req.params.id));

  r.get(`${base}/:id/history`, { schema: { tags, summary: `Changes of one of the ${label}, from the audit log`, params: IdParams, response: { 200: z.array(HistoryEntry) } }, config: read },
    async (req) => historyOf(db, reg, actorOf(req), req.params.id));

  r.post(base, { schema: { tags, summary: `Add to ${label}`, body: createInput(decl), response: { 201: Item } }, config: write },
    async (req, reply) => reply.status(201).send(await createRow(db, reg, actorOf(req), refs, config, req.body as Values)));

  r.patch(`${base}/:id`, { schema: { tags, summary: `Edit one of the ${label} (send the version read)`, params: IdParams, body: updateInput(decl), response: { 200: Item } }, config: write },
    async (req) => updateRow(db, reg, actorOf(req), refs, config, req.params.id, req.body as Values & { version: number }));

  r.delete(`${base}/:id`, { schema: { tags, summary: `Deactivate one of the ${label} (kept, with its history)`, params: IdParams, body: DeactivateBody, response: { 200: Item } }, config: write },
    async (req) => deactivateRow(db, reg, actorOf(req), req.params.id, req.body?.version));

  await app.register(async (uploads) => {
    acceptRawUploads(uploads);
    uploads.withTypeProvider<ZodTypeProvider>().post(`${base}/import`, {
      schema: { tags, summary: `Import ${label} from the Excel template (all rows or none)`, response: { 200: ImportResult } },
      config: write,
    }, async (req) => importAnswer(await importRows(db, reg, actorOf(req), refs, config, uploadedFile(req).data)));
  });
}

// ---------------------------------------------------------------- map and nearest

export interface LayerOptions {
  bbox?: [number, number, number, number];
  limit: number;
  filters: Record<string, unknown>;
  extra?: SQL[];
}

/** id, name, location and the named columns of a registry table, for the map. */
function mapColumns(reg: Registry, fields: readonly string[]) {
  const { table } = reg;
  return { id: table.id, name: table.name, lat: table.lat, lon: table.lon, ...Object.fromEntries(fields.map((k) => [k, reg.columns[k]])) };
}

/** What a layer's features show of a row: the marker's status and kind, the popup's values. */
export interface LayerShape {
  kind: string;
  status: string | null;
  subkind: string;
  essentials: readonly string[];
}

/**
 * A map layer (located, active, visible rows, in a bounding box) as GeoJSON text written by the
 * database: one string for 20,000 points, which neither PGlite (it hands rows to JavaScript one
 * value at a time) nor the event loop has to take apart and put together again.
 *
 * Each feature is concatenated text, not json_build_object: that function works out the type
 * of every argument at every call and took three quarters of the time (20,000 shelters). Values are written as
 * the row-by-row mapping wrote them (a number column as a number, any other as a string,
 * people's numbers masked unless the caller may unmask them); the layer tests compare the two.
 */
export async function layerGeoJson(q: Q, reg: Registry, actor: Actor, o: LayerOptions, shape: LayerShape): Promise<string> {
  const { table, columns, decl } = reg;
  const where = [reg.visible(actor), eq(table.active, true), sql`${table.lat} is not null`, ...reg.filterConditions(o.filters), ...(o.extra ?? [])];
  if (o.bbox) where.push(inBBox(o.bbox, table.lat, table.lon));
  const unmasked = mayUnmask(actor);
  const json = (v: SQL) => sql`coalesce(to_json(${v})::text, 'null')`;
  // Each value as JSON text, once per row even when shown twice (a shelter's kind is its marker's and its popup's).
  const keys = [...new Set([shape.status, shape.subkind, ...shape.essentials].filter((k): k is string => !!k))];
  const valueOf = (k: string) => {
    const c = columns[k];
    if (c.dataType === "number") return sql`coalesce(${c}::text, 'null')`;
    return json(!unmasked && decl.fields[k]?.masked ? maskPhoneSql(sql`${c}::text`) : sql`${c}::text`);
  };
  const rows = q.select({
    id: sql`${table.id}::text`.as("id"), lon: sql`${table.lon}::text`.as("lon"), lat: sql`${table.lat}::text`.as("lat"), name: json(sql`${table.name}`).as("name"),
    ...Object.fromEntries(keys.map((k, i) => [`v${i}`, valueOf(k).as(`v${i}`)])),
  }).from(table).where(and(...where)).limit(o.limit + 1);
  const v = (k: string) => sql.identifier(`v${keys.indexOf(k)}`);
  const lit = (s: string) => sql`${s}::text`;
  const feature = sql.join([
    lit('{"type":"Feature","geometry":{"type":"Point","coordinates":['), sql`r.lon`, lit(","), sql`r.lat`,
    lit(`]},"properties":{"id":"`), sql`r.id`, lit(`","kind":${JSON.stringify(shape.kind)},"name":`), sql`r.name`,
    lit(',"status":'), shape.status ? sql`r.${v(shape.status)}` : lit("null"), lit(',"subkind":'), sql`r.${v(shape.subkind)}`,
    lit(',"essentials":{'), ...shape.essentials.flatMap((k, i) => [lit(`${i ? "," : ""}${JSON.stringify(k)}:`), sql`r.${v(k)}`]),
    // The link is the registry's href of the id: its constant part, then the id.
    lit(`},"href":${JSON.stringify(decl.href("")).slice(0, -1)}`), sql`r.id`, lit('"}}'),
  ], sql` || `);
  const { rows: out } = await q.execute<{ features: string | null; n: number }>(sql`select string_agg(${feature}, ',') as features, count(*)::int as n from (${rows}) r`);
  // One row more than the limit tells whether there were more. Its feature, the last, is cut
  // here rather than numbering the rows in SQL (which copied every row once more): a feature
  // starts with {"type":"Feature", and a value inside one cannot hold that unescaped.
  const truncated = Number(out[0].n) > o.limit;
  const features = out[0].features ?? "";
  return `{"type":"FeatureCollection","features":[${truncated ? features.slice(0, features.lastIndexOf(',{"type":"Feature",')) : features}],"truncated":${truncated}}`;
}

/** The nearest-first query (GiST KNN on the earth position), unexecuted: tests EXPLAIN it. */
export function nearestQuery(q: Q, reg: Registry, actor: Actor, p: Point, limit: number, extra: SQL[] = [], fields: readonly string[] = []) {
  const { table } = reg;
  return q.select({ ...mapColumns(reg, fields), address: table.address, distanceM: distanceFrom(p, table.lat, table.lon) }).from(table)
    .where(and(eq(table.active, true), reg.visible(actor), ...extra))
    .orderBy(nearestFirst(p, table.lat, table.lon)).limit(limit);
}

/** The nearest visible, active rows first, with their distance in metres. */
export async function nearestRows(q: Q, reg: Registry, actor: Actor, p: Point, limit: number, extra: SQL[] = [], fields: readonly string[] = []): Promise<(Row & { distanceM: number })[]> {
  const rows = (await nearestQuery(q, reg, actor, p, limit, extra, fields)) as unknown as (Row & { distanceM: number | string })[];
  return rows.map((x) => ({ ...x, distanceM: Math.round(Number(x.distanceM)) }));
}
