/** What teams, experts and volunteers add to the generic registry. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";

let t: TestApp;
let town: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  town = await loginAs(t.app, "town");
  ids.town = await unitId(t.db, "湖塘镇");
  ids.hazmat = (await t.db.execute<{ id: string }>(sql`select id from incident_types where code = '21100'`)).rows[0].id;
});
afterAll(() => t?.close());

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe("rescue teams", () => {
  it("keeps members with certificates and equipment, and flags certificates about to lapse", async () => {
    const res = await town.post("/api/teams", {
      unitId: ids.town, name: "证书队", lat: 31.72, lon: 119.97, kind: "water_rescue", readiness: "ready",
      members: [
        { name: "甲", role: "队长", mobile: "13800000001", skills: ["潜水"], certificates: [{ name: "潜水员证", expiresOn: day(30) }, { name: "救护员", expiresOn: day(400) }] },
        { name: "乙", certificates: [{ name: "船员证", expiresOn: day(-3) }] },
        { name: "丙" },
      ],
      equipment: [{ type: "冲锋舟", count: 2, condition: "good" }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ headcount: 3, certificatesExpiring: 2 });
    expect(res.json().members[0].certificates[1]).toEqual({ name: "救护员", expiresOn: day(400) });
    expect(res.json().equipment).toEqual([{ type: "冲锋舟", count: 2, condition: "good" }]);
    const bad = await town.post("/api/teams", { unitId: ids.town, name: "坏证书队", lat: 31.72, lon: 119.97, kind: "fire", readiness: "ready", members: [{ name: "甲", certificates: [{ name: "x", expiresOn: "明年" }] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("members.0.certificates.0.expiresOn");
  });

  it("moves readiness-since only when the readiness changes", async () => {
    const created = (await town.post("/api/teams", { unitId: ids.town, name: "待命队", lat: 31.72, lon: 119.97, kind: "fire", readiness: "ready" })).json();
    const renamed = (await town.patch(`/api/teams/${created.id}`, { version: 1, name: "待命一队" })).json();
    expect(renamed.readinessSince).toBe(created.readinessSince);
    const deployed = (await town.patch(`/api/teams/${created.id}`, { version: 2, readiness: "deployed" })).json();
    expect(deployed.readinessSince > created.readinessSince).toBe(true);
    expect((await town.get("/api/map/layers/teams?readiness=deployed")).json().features.some((f: { properties: { id: string } }) => f.properties.id === created.id)).toBe(true);
  });
});

describe("experts and volunteers", () => {
  it("finds experts for an incident type", async () => {
    const expert = (await town.post("/api/experts", { unitId: ids.town, name: "危化专家甲", lat: 31.72, lon: 119.97, level: "city", availability: "available", specialties: [ids.hazmat], affiliation: "常州大学" })).json();
    const found = (await town.get(`/api/experts?specialties=${ids.hazmat}&pageSize=200`)).json().items;
    expect(found.map((e: { id: string }) => e.id)).toContain(expert.id);
    expect(found.every((e: { specialties: string[] }) => e.specialties.includes(ids.hazmat))).toBe(true);
    expect((await town.get("/api/experts?q=常州大学")).json().items.some((e: { id: string }) => e.id === expert.id)).toBe(true);
  });

  it("keeps volunteer groups and people apart by kind", async () => {
    await town.post("/api/volunteers", { unitId: ids.town, name: "测试志愿队", lat: 31.72, lon: 119.97, kind: "group", availability: "available", headcount: 12, skills: ["急救"] });
    await town.post("/api/volunteers", { unitId: ids.town, name: "测试志愿者", lat: 31.72, lon: 119.97, kind: "person", availability: "busy", groupName: "测试志愿队", lastTrainedOn: "2026-03-01" });
    const people = (await town.get("/api/volunteers?kind=person&pageSize=200")).json().items;
    expect(people.every((v: { kind: string }) => v.kind === "person")).toBe(true);
    expect(people.find((v: { name: string }) => v.name === "测试志愿者")).toMatchObject({ groupName: "测试志愿队", lastTrainedOn: "2026-03-01", availability: "busy" });
  });
});
