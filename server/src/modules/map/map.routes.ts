import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { FeatureCollection, MapBase, MapLayerParams, MapLayerQuery, NearestQuery, NearestResult } from "@yingji/contracts";
import type { AppContext } from "../../platform/module.ts";
import { actorOf } from "../../platform/http.ts";
import { mapBase, mapLayer, nearest } from "./map.service.ts";

export async function mapRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = ctx;
  const tags = ["map"];
  const read = { permission: "resources.read" } as const;

  r.get("/api/map/base", {
    schema: { tags, summary: "Offline base layer: district outline, town cells, centre, optional tile URL", response: { 200: MapBase } },
    config: read,
  }, async () => mapBase(db, config));

  r.get("/api/map/layers/:kind", {
    schema: { tags, summary: "One layer as GeoJSON (bbox=minLon,minLat,maxLon,maxLat, plus the registry's filters)", params: MapLayerParams, querystring: MapLayerQuery, response: { 200: FeatureCollection } },
    config: read,
  }, async (req, reply) => {
    // GeoJSON text (FeatureCollection) built by the service: 20,000 points are not validated one by one again.
    const layer = await mapLayer(db, actorOf(req), req.params.kind, req.query as never);
    return reply.type("application/json; charset=utf-8").send(layer as never);
  });

  r.get("/api/map/nearest", {
    schema: { tags, summary: "Nearest teams, shelters, warehouses… to a point, nearest first, with filters", querystring: NearestQuery, response: { 200: NearestResult } },
    config: read,
  }, async (req) => nearest(db, actorOf(req), req.query));
}
