/**
 * The layers the database writes answer exactly what the row-by-row layer answered (the same
 * features in the same order with the same fields, numbers masked alike), for callers of every
 * scope and with and without people.unmask. The row-by-row layer is kept here as it was served.
 */
import { and, eq, sql } from "drizzle-orm";
import { can, listQuery, type FeatureCollection, type MapKind } from "@yingji/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, loginAs, unitId, type TestApp } from "../../../test/helpers.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { inBBox } from "../../platform/geo.ts";
import { maskRow, type Row } from "../../platform/registry.ts";
import { LAYERS, mapLayer } from "./map.service.ts";

type Kind = keyof typeof LAYERS;
type Query = { bbox?: [number, number, number, number]; limit: number } & Record<string, unknown>;

/** The layer as it was built before: rows through the query builder, masked and mapped one by one. */
async function rowByRowLayer(t: TestApp, actor: Actor, kind: Kind, query: Query): Promise<FeatureCollection> {
  const { bbox, limit, ...rest } = query;
  const l = LAYERS[kind];
  const reg = l.reg;
  const { table } = reg;
  const fields = [...new Set([...(l.status ? [l.status] : []), l.subkind, ...l.essentials])];
  const where = [reg.visible(actor), eq(table.active, true), sql`${table.lat} is not null`, ...reg.filterConditions(listQuery(reg.decl).partial().parse(rest))];
  if (bbox) where.push(inBBox(bbox, table.lat, table.lon));
  const rows = (await t.db.select({ id: table.id, name: table.name, lat: table.lat, lon: table.lon, ...Object.fromEntries(fields.map((k) => [k, reg.columns[k]])) })
    .from(table).where(and(...where)).limit(limit + 1)) as unknown as Row[];
  const str = (v: unknown) => (v === null || v === undefined ? null : typeof v === "number" ? v : String(v));
  const features = rows.slice(0, limit).map((row) => {
    const r = maskRow(reg.decl, row, actor);
    return {
      type: "Feature" as const,
      geometry: { type: "Point" as const, coordinates: [r.lon!, r.lat!] as [number, number] },
      properties: {
        id: r.id, kind, name: r.name, status: l.status ? (r[l.status] as string) : null, subkind: (r[l.subkind] as string) ?? null,
        essentials: Object.fromEntries(l.essentials.map((k) => [k, str(r[k])])), href: reg.decl.href(r.id),
      },
    };
  });
  return { type: "FeatureCollection", features, truncated: rows.length > limit };
}

let t: TestApp;
const actors: Record<string, Actor> = {};
const unit: Record<string, string> = {};
const names: Record<Kind, Record<string, string>> = { teams: {}, experts: {}, volunteers: {}, warehouses: {}, shelters: {} };
// Where the test's rows lie (the demo's rows lie elsewhere): a box that holds only them.
const BOX: [number, number, number, number] = [120.1, 31.46, 120.14, 31.5];
// Numbers in every shape the masking knows, and values JSON must escape.
const PHONES = ["13812341234", "0519-86881234", "051986881234", "0519-86881234-123", "12345", "1234567", "＋86 138 1234 1234", "abc", null];
// One of each registry's filters, matching one row in three.
const FILTER: Record<Kind, Record<string, string>> = { teams: { kind: "hazmat" }, experts: { level: "city" }, volunteers: { kind: "person" }, warehouses: { kind: "social" }, shelters: { kind: "square" } };
const NAMES = ['引号"与\\反斜杠', "换行\n制表\t", "控制\u0001字符", "表情😀", "普通名称"];

beforeAll(async () => {
  t = await buildTestApp();
  for (const name of ["武进区", "湖塘镇", "马杭村", "牛塘镇"]) unit[name] = await unitId(t.db, name);
  for (const username of ["admin", "town", "village", "expert", "enterprise"]) {
    const { rows } = await t.db.execute<{ id: string; role: Actor["role"]; unit_id: string; path: string }>(sql`
      select u.id, u.role, u.unit_id, o.path::text as path from users u join org_units o on o.id = u.unit_id where u.username = ${username}`);
    const r = rows[0];
    actors[username] = { ...({} as Actor), id: r.id, username, role: r.role, unitId: r.unit_id, unitPath: r.path };
  }
  // In each registry, rows of the district (above the town), of the town, of its village and of a sibling town.
  let i = 0;
  for (const kind of Object.keys(LAYERS) as Kind[]) {
    const { table } = LAYERS[kind].reg;
    for (const owner of ["武进区", "湖塘镇", "马杭村", "牛塘镇"]) {
      for (let j = 0; j < 3; j++, i++) {
        const name = `${NAMES[i % NAMES.length]}${kind}${owner}${j}`;
        const phone = PHONES[i % PHONES.length];
        const base = { unitId: unit[owner], name, lat: 31.47 + (i % 7) * 0.003, lon: 120.11 + (i % 5) * 0.004 };
        const values = {
          teams: { ...base, kind: ["fire", "hazmat", "water_rescue"][j], readiness: ["ready", "deployed", "unavailable"][j], headcount: j ? 10 * j : null, leaderName: j === 1 ? null : `队长${i}`, leaderPhone: phone },
          experts: { ...base, level: ["district", "city", "district"][j], availability: ["available", "busy", "available"][j], affiliation: j ? `单位"${i}` : null, title: "高工", mobile: phone },
          volunteers: { ...base, kind: ["group", "person", "group"][j], availability: "available", groupName: j ? null : `志愿队${i}`, headcount: j + 1, mobile: phone },
          warehouses: { ...base, kind: ["government", "social", "government"][j], managerName: `管理员${i}`, managerPhone: phone },
          shelters: { ...base, kind: ["park", "square", "school"][j], shelterClass: ["I", "II", "III"][j], usableArea: 1000 + j, capacity: 500 * (j + 1), occupancy: 100 * j },
        }[kind];
        await t.db.insert(table).values(values as never);
        names[kind][`${owner}${j}`] = name;
      }
    }
  }
  // A deactivated row and one without a location are on no layer.
  await t.db.insert(LAYERS.teams.reg.table).values({ unitId: unit["湖塘镇"], name: "停用队", lat: 31.48, lon: 120.12, kind: "fire", active: false } as never);
  await t.db.insert(LAYERS.teams.reg.table).values({ unitId: unit["湖塘镇"], name: "无位置队", kind: "fire" } as never);
});
afterAll(() => t?.close());

const parsed = async (actor: Actor, kind: Kind, query: Query) => JSON.parse(await mapLayer(t.db, actor, kind as MapKind, query)) as FeatureCollection;

describe("layers written by the database", () => {
  for (const username of ["admin", "town", "village", "expert", "enterprise"]) {
    it(`answers what the row-by-row layer answered, for ${username}`, async () => {
      const actor = actors[username];
      for (const kind of Object.keys(LAYERS) as Kind[]) {
        for (const query of [{ limit: 20_000 }, { bbox: BOX, limit: 20_000 }, { bbox: BOX, limit: 2 }, { bbox: BOX, limit: 20_000, ...FILTER[kind] }] as Query[]) {
          const expected = await rowByRowLayer(t, actor, kind, query);
          const answer = await parsed(actor, kind, query);
          expect(answer, `${kind} ${JSON.stringify(query)}`).toEqual(expected);
          expect(answer.features.length, `${kind} ${JSON.stringify(query)}`).toBeGreaterThan(0);
        }
      }
    });
  }

  it("keeps the scope: the caller's subtree and the units above, no sibling", async () => {
    for (const kind of Object.keys(LAYERS) as Kind[]) {
      const shown = (await parsed(actors.town, kind, { bbox: BOX, limit: 20_000 })).features.map((f) => f.properties.name);
      for (const key of ["武进区0", "湖塘镇1", "马杭村2"]) expect(shown, kind).toContain(names[kind][key]);
      for (const j of [0, 1, 2]) expect(shown, kind).not.toContain(names[kind][`牛塘镇${j}`]);
      expect(shown).toHaveLength(9);
      const village = (await parsed(actors.village, kind, { bbox: BOX, limit: 20_000 })).features.map((f) => f.properties.name);
      expect(village.sort(), kind).toEqual([...["武进区", "湖塘镇", "马杭村"].flatMap((o) => [0, 1, 2].map((j) => names[kind][`${o}${j}`]))].sort());
    }
    const teams = (await parsed(actors.admin, "teams", { bbox: BOX, limit: 20_000 })).features.map((f) => f.properties.name);
    expect(teams).toHaveLength(12);
    expect(teams).not.toContain("停用队");
    expect(teams).not.toContain("无位置队");
  });

  it("masks people's numbers for callers without people.unmask, and only for them", async () => {
    expect(can(actors.expert.role, "people.unmask")).toBe(false);
    const masked = (await parsed(actors.expert, "teams", { bbox: BOX, limit: 20_000 })).features.map((f) => f.properties.essentials.leaderPhone);
    const clear = (await parsed(actors.admin, "teams", { bbox: BOX, limit: 20_000 })).features.map((f) => f.properties.essentials.leaderPhone);
    expect(clear).toEqual(expect.arrayContaining(["13812341234", "0519-86881234", null]));
    expect(masked).toEqual(expect.arrayContaining(["138****1234", "0519-****1234", "号码有误", null]));
    expect(masked.filter((p) => typeof p === "string" && /\d{5}/.test(p))).toEqual([]);
  });

  it("tells the layer was cut at the limit, keeping the first features", async () => {
    const all = await parsed(actors.admin, "shelters", { bbox: BOX, limit: 20_000 });
    const cut = await parsed(actors.admin, "shelters", { bbox: BOX, limit: 5 });
    const exact = await parsed(actors.admin, "shelters", { bbox: BOX, limit: all.features.length });
    expect(all.truncated).toBe(false);
    expect(cut).toEqual({ type: "FeatureCollection", features: all.features.slice(0, 5), truncated: true });
    expect(exact).toEqual(all);
  });

  it("answers an empty layer as an empty collection", async () => {
    const empty = await mapLayer(t.db, actors.admin, "shelters", { bbox: [100, 20, 100.1, 20.1], limit: 20_000 });
    expect(JSON.parse(empty)).toEqual({ type: "FeatureCollection", features: [], truncated: false });
  });

  it("serves the same layer through the route", async () => {
    const client = await loginAs(t.app, "town");
    const res = await client.get(`/api/map/layers/warehouses?bbox=${BOX.join(",")}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/json");
    expect(res.json()).toEqual(await rowByRowLayer(t, actors.town, "warehouses", { bbox: BOX, limit: 20_000 }));
  });
});
