/**
 * The one map (一张图): GeoJSON layers of every located registry and of incidents, the
 * nearest-resource search (GiST KNN per registry, with each kind's filter), and the offline
 * base layer made from the org data.
 */
import { sql, type SQL } from "drizzle-orm";
import {
  listQuery, type FeatureCollection, type MapBase, type MapKind, type NearestHit, type NearestQuery, type NearestResult,
} from "@yingji/contracts";
import type { Config } from "../../config.ts";
import type { Q } from "../../db/client.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { badRequest } from "../../platform/errors.ts";
import { layerGeoJson, maskRow, nearestRows, type Registry } from "../../platform/registry.ts";
import { listIncidents } from "../incidents/incidents.service.ts";
import { getIncidentType } from "../incidents/incident-types.service.ts";
import { warehousesRegistry } from "../materials/materials.registry.ts";
import { heldQuantities, holdsCondition } from "../materials/stock.service.ts";
import { sheltersRegistry } from "../shelters/shelters.registry.ts";
import { freeCapacity } from "../shelters/shelters.rules.ts";
import { expertsRegistry, teamsRegistry, volunteersRegistry } from "../teams/teams.registry.ts";
import { cells, outline, ringOf, type LonLat } from "./map.rules.ts";

/** How each located registry shows on the map: its status, its kind, its phone and its popup fields (the layer tests read it too). */
export const LAYERS = {
  teams: { reg: teamsRegistry, status: "readiness", subkind: "kind", phone: ["dutyPhone", "leaderPhone"], essentials: ["kind", "readiness", "headcount", "leaderName", "leaderPhone"] },
  experts: { reg: expertsRegistry, status: "availability", subkind: "level", phone: ["mobile"], essentials: ["level", "affiliation", "title", "mobile"] },
  volunteers: { reg: volunteersRegistry, status: "availability", subkind: "kind", phone: ["mobile"], essentials: ["kind", "groupName", "headcount", "mobile"] },
  warehouses: { reg: warehousesRegistry, status: null, subkind: "kind", phone: ["dutyPhone", "managerPhone"], essentials: ["kind", "managerName", "managerPhone"] },
  shelters: { reg: sheltersRegistry, status: "status", subkind: "kind", phone: ["managerPhone"], essentials: ["kind", "shelterClass", "capacity", "occupancy"] },
} as const satisfies Record<Exclude<MapKind, "incidents">, { reg: Registry; status: string | null; subkind: string; phone: readonly string[]; essentials: readonly string[] }>;

type LayerKey = keyof typeof LAYERS;

/** The columns a layer's features and hits are made of. */
const fieldsOf = (kind: LayerKey): string[] => {
  const l = LAYERS[kind];
  return [...new Set([...(l.status ? [l.status] : []), l.subkind, ...l.phone, ...l.essentials, ...(kind === "shelters" ? ["capacity", "occupancy", "status"] : [])])];
};

/** A layer as GeoJSON text, written by the database (numbers masked for callers without people.unmask). */
export async function mapLayer(q: Q, actor: Actor, kind: MapKind, query: { bbox?: [number, number, number, number]; limit: number } & Record<string, unknown>): Promise<string> {
  const { bbox, limit, ...rest } = query;
  if (kind === "incidents") return JSON.stringify(await incidentLayer(q, actor, bbox, limit));
  const l = LAYERS[kind];
  return layerGeoJson(q, l.reg, actor, { bbox, limit, filters: layerFilters(l.reg, rest) }, { kind, status: l.status, subkind: l.subkind, essentials: l.essentials });
}

function layerFilters(reg: Registry, rest: Record<string, unknown>): Record<string, unknown> {
  // The layer's filters are the registry's list filters, checked by the same schema.
  const parsed = listQuery(reg.decl).partial().safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(String(issue.path[0] ?? "query"), issue.message);
  }
  return parsed.data as Record<string, unknown>;
}

/** Open incidents (the latest 200) from the reporting module. */
async function incidentLayer(q: Q, actor: Actor, bbox: [number, number, number, number] | undefined, limit: number): Promise<FeatureCollection> {
  const page = await listIncidents(q, actor, { page: 1, pageSize: 200, status: "open" } as Parameters<typeof listIncidents>[2]);
  const inBox = (i: { lat: number; lon: number }) => !bbox || (i.lon >= bbox[0] && i.lon <= bbox[2] && i.lat >= bbox[1] && i.lat <= bbox[3]);
  const items = page.items.filter(inBox);
  return {
    type: "FeatureCollection",
    truncated: items.length > limit || page.total > page.items.length,
    features: items.slice(0, limit).map((i) => ({
      type: "Feature" as const,
      geometry: { type: "Point" as const, coordinates: [i.lon, i.lat] as [number, number] },
      properties: {
        id: i.id, kind: "incidents" as const, name: i.title, status: i.status, subkind: i.level,
        essentials: { typeName: i.typeName, level: i.level, occurredAt: i.occurredAt, unitName: i.unitName }, href: `/incidents/${i.id}`,
      },
    })),
  };
}

/** The extra conditions and the "quantity" shown, per kind, from the query's filters. */
export async function nearestFilters(q: Q, kind: LayerKey, query: NearestQuery): Promise<{ where: SQL[]; holding?: boolean }> {
  const ready = query.ready === "true";
  switch (kind) {
    case "teams": {
      const where: SQL[] = [];
      if (ready) where.push(sql`${teamsRegistry.columns.readiness} = 'ready'`);
      if (query.teamKind) where.push(sql`${teamsRegistry.columns.kind} = ${query.teamKind}`);
      if (query.incidentTypeId) where.push(sql`${teamsRegistry.columns.capabilities} && ${uuidArray(await typeAndParent(q, query.incidentTypeId))}`);
      return { where };
    }
    case "experts": {
      const where: SQL[] = [];
      if (ready) where.push(sql`${expertsRegistry.columns.availability} = 'available'`);
      if (query.incidentTypeId) where.push(sql`${expertsRegistry.columns.specialties} && ${uuidArray(await typeAndParent(q, query.incidentTypeId))}`);
      return { where };
    }
    case "volunteers":
      return { where: ready ? [sql`${volunteersRegistry.columns.availability} = 'available'`] : [] };
    case "warehouses":
      if (!query.itemId) return { where: [] };
      return { where: [holdsCondition(query.itemId, Math.max(query.minQuantity ?? 0, 0.001))], holding: true };
    case "shelters": {
      const c = sheltersRegistry.columns;
      const where: SQL[] = [];
      if (ready || query.minFreeCapacity !== undefined) where.push(sql`${c.status} in ('ready', 'open')`);
      if (query.minFreeCapacity !== undefined) where.push(sql`${c.capacity} - ${c.occupancy} >= ${query.minFreeCapacity}`);
      return { where };
    }
  }
}

const uuidArray = (ids: string[]) => sql`array[${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}]`;

/** An incident type and its parent category: a team able to handle "fire accidents" handles each kind of it. */
async function typeAndParent(q: Q, id: string): Promise<string[]> {
  const t = await getIncidentType(q, id);
  if (!t) throw badRequest("incidentTypeId", "没有这个事件类型");
  return [t.id, ...(t.parentId ? [t.parentId] : [])];
}

export async function nearest(q: Q, actor: Actor, query: NearestQuery): Promise<NearestResult> {
  const p = { lat: query.lat, lon: query.lon };
  const results: NearestResult["results"] = {};
  for (const kind of query.kinds) {
    const l = LAYERS[kind];
    const { where, holding } = await nearestFilters(q, kind, query);
    const rows = await nearestRows(q, l.reg, actor, p, query.limit, where, fieldsOf(kind));
    const held = holding && query.itemId ? await heldQuantities(q, query.itemId, rows.map((r) => r.id)) : null;
    results[kind] = rows.map((row) => maskRow(l.reg.decl, row, actor)).map((r): NearestHit => ({
      id: r.id, name: r.name, lat: r.lat!, lon: r.lon!, address: (r.address as string | null) ?? null, distanceM: r.distanceM, subkind: (r[l.subkind] as string) ?? null,
      status: l.status ? (r[l.status] as string) : null, phone: (l.phone.map((k) => r[k]).find(Boolean) as string | undefined) ?? null, href: l.reg.decl.href(r.id),
      quantity: held ? held.get(r.id) ?? 0 : kind === "shelters" ? freeCapacity(r.capacity as number, r.status as string, r.occupancy as number) : null,
    }));
  }
  return { results };
}

/** The district outline and town cells for the offline base layer. */
export async function mapBase(q: Q, config: Config): Promise<MapBase> {
  const { rows } = await q.execute<{ id: string; name: string; kind: string; lat: number | null; lon: number | null; depth: number; population: number | null }>(sql`
    select id, name, kind, lat, lon, nlevel(path) as depth, population from org_units where active order by sort, name`);
  const root = rows.find((r) => Number(r.depth) === 1);
  if (!root) throw badRequest("(database)", "尚未建立组织机构");
  const located = rows.filter((r) => r.lat !== null && r.lon !== null && Number(r.depth) >= 2);
  const towns = located.filter((r) => Number(r.depth) === 2 && ["town", "subdistrict", "zone"].includes(r.kind));
  const centre: [number, number] = root.lat !== null && root.lon !== null ? [Number(root.lat), Number(root.lon)] : [Number(towns[0]?.lat ?? 0), Number(towns[0]?.lon ?? 0)];
  const border = located.length ? outline(located.map((r) => [Number(r.lon), Number(r.lat)] as LonLat), 3) : [];
  const townCells = cells(border, towns.map((t) => [Number(t.lon), Number(t.lat)] as LonLat));
  return {
    district: { type: "Feature", geometry: { type: "Polygon", coordinates: [ringOf(border)] }, properties: { id: root.id, name: root.name } },
    towns: {
      type: "FeatureCollection",
      features: towns.map((t, i) => ({
        type: "Feature" as const, geometry: { type: "Polygon" as const, coordinates: [ringOf(townCells[i])] },
        properties: { id: t.id, name: t.name, kind: t.kind, population: t.population === null ? null : Number(t.population) },
      })),
    },
    center: centre,
    zoom: 11,
    ...(config.MAP_TILE_URL ? { tileUrl: config.MAP_TILE_URL } : {}),
    tileDatum: config.MAP_TILE_DATUM,
    ...(config.MAP_TILE_ATTRIBUTION ? { tileAttribution: config.MAP_TILE_ATTRIBUTION } : {}),
  };
}
