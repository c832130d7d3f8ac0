/** Excel template, export and all-or-nothing import of units and of people. */
import { eq } from "drizzle-orm";
import { CreatePersonInput, EMERGENCY_ROLE_LABELS, EMERGENCY_ROLES, Line, Phone, can, type ImportResult } from "@yingji/contracts";
import { z } from "zod";
import type { Db, Q } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { exportWorkbook, readImport, validateRows, zodFaults, type RowFault, type SheetSpec } from "../../platform/excel.ts";
import { scopeCondition } from "../../platform/scope.ts";
import { orgUnitKinds, orgUnits } from "./org.table.ts";
import { allPeople, insertPerson } from "./people.service.ts";
import { maskPhone } from "./people.rules.ts";
import { insertUnit, listUnits } from "./units.service.ts";

export const UNITS_SHEET: SheetSpec = {
  sheetName: "单位",
  columns: [
    { key: "name", header: "单位名称", required: true, width: 28, example: "示例村" },
    { key: "kind", header: "单位类型", required: true, example: "村", note: "区、镇、街道、开发区、村、社区、成员单位、企业（或其编码）" },
    { key: "parent", header: "上级单位", required: true, width: 28, example: "湖塘镇", note: "上级单位的编码或名称（名称须唯一）；可为本表前面各行的单位" },
    { key: "code", header: "单位编码", example: "320412001201" },
    { key: "dutyPhone", header: "值班电话", example: "0519-86310000" },
    { key: "address", header: "地址", width: 30, example: "" },
    { key: "lat", header: "纬度", example: "31.70" },
    { key: "lon", header: "经度", example: "119.95" },
    { key: "population", header: "人口", example: "3200" },
  ],
};

const yes = (v: string) => ["是", "y", "yes", "true", "1"].includes(v.trim().toLowerCase());
const roleByLabel = new Map<string, (typeof EMERGENCY_ROLES)[number]>(EMERGENCY_ROLES.flatMap((r) => [[EMERGENCY_ROLE_LABELS[r].zh, r], [r, r]] as const));

export const PEOPLE_SHEET: SheetSpec = {
  sheetName: "应急通讯录",
  columns: [
    { key: "name", header: "姓名", required: true, example: "张三" },
    { key: "unit", header: "所属单位", required: true, width: 28, example: "湖塘镇", note: "单位编码或名称（名称须唯一）" },
    { key: "title", header: "职务", example: "应急办主任" },
    { key: "emergencyRoles", header: "应急职务", width: 20, example: "信息联络员", note: `多个用逗号分隔：${EMERGENCY_ROLES.map((r) => EMERGENCY_ROLE_LABELS[r].zh).join("、")}` },
    { key: "duty", header: "应急职责", width: 30, example: "信息报送" },
    { key: "mobile", header: "手机", width: 16, example: "13800000000" },
    { key: "officePhone", header: "办公电话", width: 16, example: "0519-86310000" },
    { key: "email", header: "邮箱", width: 24, example: "" },
    { key: "isLiaison", header: "信息联络员", example: "是", note: "是/否" },
  ],
};

/** Finds units by code or by a name that is unique in the caller's scope. */
async function unitResolver(q: Q, actor: Actor) {
  const rows = await q.select({ id: orgUnits.id, name: orgUnits.name, code: orgUnits.code, path: orgUnits.path, active: orgUnits.active })
    .from(orgUnits).where(scopeCondition(orgUnits.path, actor));
  const byCode = new Map(rows.filter((r) => r.code).map((r) => [r.code!, r]));
  const byName = new Map<string, typeof rows>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  return {
    find(ref: string): { unit?: (typeof rows)[number]; reason?: string } {
      const hit = byCode.get(ref);
      if (hit) return { unit: hit };
      const named = byName.get(ref) ?? [];
      if (named.length === 1) return { unit: named[0] };
      return { reason: named.length > 1 ? `单位名称「${ref}」不唯一，请填写单位编码` : `找不到单位「${ref}」（或不在您的管辖范围内）` };
    },
    add(r: (typeof rows)[number]) {
      if (r.code) byCode.set(r.code, r);
      byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
    },
  };
}

const num = (v: string) => (v === "" ? null : Number(v));

const UnitRow = z.object({
  name: Line(100).min(1),
  code: Line(32).nullable(),
  /** The contract's phone (mobile, or a fixed line with its area code): a bad number is a fault of its row. */
  dutyPhone: Phone.nullable(),
  address: Line(200).nullable(),
  lat: z.number("须为数字").min(-90, "超出范围").max(90, "超出范围").nullable(),
  lon: z.number("须为数字").min(-180, "超出范围").max(180, "超出范围").nullable(),
  population: z.number("须为数字").int("须为整数").min(0, "不能为负").nullable(),
});

export async function importUnits(db: Db, actor: Actor, data: Buffer): Promise<ImportResult> {
  const rows = await readImport(UNITS_SHEET, data);
  const kinds = await db.select().from(orgUnitKinds);
  const kindOf = new Map(kinds.flatMap((k) => [[k.code, k.code], [k.name, k.code]] as const));
  // As in the form: only kinds below the caller's own level (a town imports villages, not districts).
  const levelOf = new Map(kinds.map((k) => [k.code, k.level]));
  const [own] = await db.select({ kind: orgUnits.kind }).from(orgUnits).where(eq(orgUnits.id, actor.unitId));
  const ownLevel = own ? levelOf.get(own.kind) : undefined;
  const units = await unitResolver(db, actor);
  type Planned = { rowNumber: number; parentRef: string; input: z.infer<typeof UnitRow> & { kind: string }; placeholder: { id: string; name: string; code: string | null; path: string; active: boolean } };
  const { values, result } = await validateRows<Planned>(UNITS_SHEET, rows, async (raw, rowNumber) => {
    const faults: RowFault[] = [];
    const kind = kindOf.get(raw.kind);
    if (!kind) faults.push({ column: "kind", reason: `未知的单位类型「${raw.kind}」` });
    else if (ownLevel !== undefined && levelOf.get(kind)! <= ownLevel) faults.push({ column: "kind", reason: `不能导入本级或更高级别的单位类型「${raw.kind}」` });
    const parent = units.find(raw.parent);
    if (!parent.unit) faults.push({ column: "parent", reason: parent.reason! });
    else if (!parent.unit.active) faults.push({ column: "parent", reason: "上级单位已停用" });
    const parsed = UnitRow.safeParse({
      name: raw.name, code: raw.code || null, dutyPhone: raw.dutyPhone || null, address: raw.address || null,
      lat: num(raw.lat), lon: num(raw.lon), population: num(raw.population),
    });
    if (!parsed.success) faults.push(...zodFaults(parsed.error.issues));
    if (faults.length || !parsed.success) return { faults };
    // Later rows may name this unit as their parent.
    const placeholder = { id: `row:${rowNumber}`, name: parsed.data.name, code: parsed.data.code, path: `${parent.unit!.path}.row${rowNumber}`, active: true };
    units.add(placeholder);
    return { value: { rowNumber, parentRef: raw.parent, input: { ...parsed.data, kind: kind! }, placeholder }, faults };
  });
  if (!result.ok) return result;
  await db.transaction(async (tx) => {
    const created = new Map<string, { id: string; path: string; active: boolean }>();
    const resolver = await unitResolver(tx, actor);
    for (const v of values) {
      const ref = resolver.find(v.parentRef).unit!;
      const real = ref.id.startsWith("row:") ? created.get(ref.id)! : ref;
      const [parent] = await tx.select().from(orgUnits).where(eq(orgUnits.id, real.id));
      const row = await insertUnit(tx, actor, parent, { parentId: parent.id, ...v.input });
      created.set(v.placeholder.id, row);
      resolver.add({ ...v.placeholder, id: v.placeholder.id });
    }
    await recordAudit(tx, { ...auditBy(actor), action: "org.unit.import", entity: "org_unit", after: { rows: values.length } });
  });
  return { ...result, written: values.length };
}

export async function exportUnits(db: Db, actor: Actor) {
  const units = await listUnits(db, actor, { includeInactive: "true" });
  const byId = new Map(units.map((u) => [u.id, u]));
  const kindName = new Map((await db.select().from(orgUnitKinds)).map((k) => [k.code, k.name]));
  return exportWorkbook(UNITS_SHEET, units.map((u) => ({
    ...u, kind: kindName.get(u.kind) ?? u.kind, parent: u.parentId ? (byId.get(u.parentId)?.code ?? byId.get(u.parentId)?.name ?? "") : "",
  })));
}

export async function importPeople(db: Db, actor: Actor, data: Buffer): Promise<ImportResult> {
  const rows = await readImport(PEOPLE_SHEET, data);
  const units = await unitResolver(db, actor);
  const { values, result } = await validateRows<CreatePersonInput>(PEOPLE_SHEET, rows, async (raw) => {
    const faults: RowFault[] = [];
    const unit = units.find(raw.unit);
    if (!unit.unit) faults.push({ column: "unit", reason: unit.reason! });
    const roles = raw.emergencyRoles ? raw.emergencyRoles.split(/[,，、;；\s]+/).filter(Boolean) : [];
    const unknown = roles.filter((r) => !roleByLabel.has(r));
    if (unknown.length) faults.push({ column: "emergencyRoles", reason: `未知的应急职务：${unknown.join("、")}` });
    const parsed = CreatePersonInput.safeParse({
      unitId: unit.unit?.id ?? "00000000-0000-4000-8000-000000000000", name: raw.name, title: raw.title || null,
      emergencyRoles: unknown.length ? [] : [...new Set(roles.map((r) => roleByLabel.get(r)!))], duty: raw.duty || null,
      mobile: raw.mobile || null, officePhone: raw.officePhone || null, email: raw.email || null, isLiaison: yes(raw.isLiaison ?? ""),
    });
    if (!parsed.success) faults.push(...zodFaults(parsed.error.issues));
    return { value: parsed.success ? parsed.data : undefined, faults };
  });
  if (!result.ok) return result;
  await db.transaction(async (tx) => {
    for (const v of values) await insertPerson(tx, actor, v);
    await recordAudit(tx, { ...auditBy(actor), action: "people.import", entity: "person", after: { rows: values.length } });
  });
  return { ...result, written: values.length };
}

/** Phones are masked in the export unless the caller may unmask; an unmasked export is audited. */
export async function exportPeople(db: Db, actor: Actor, query: { q?: string; unitId?: string; liaison?: "true" | "false" }) {
  const rows = await allPeople(db, actor, query);
  const unmasked = can(actor.role, "people.unmask");
  if (unmasked) {
    await db.transaction((tx) => recordAudit(tx, { ...auditBy(actor), action: "people.export_unmasked", entity: "person", after: { rows: rows.length, filter: query } }));
  }
  const show = (v: string | null) => (unmasked ? v : maskPhone(v));
  return exportWorkbook(PEOPLE_SHEET, rows.map(({ p, unitName }) => ({
    name: p.name, unit: unitName, title: p.title, duty: p.duty, mobile: show(p.mobile), officePhone: show(p.officePhone), email: p.email,
    emergencyRoles: p.emergencyRoles.map((r) => EMERGENCY_ROLE_LABELS[r as keyof typeof EMERGENCY_ROLE_LABELS]?.zh ?? r).join("、"),
    isLiaison: p.isLiaison ? "是" : "否",
  })));
}

