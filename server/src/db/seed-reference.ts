/**
 * Reference data every installation needs (production too): unit kinds and the
 * incident-type tree. Idempotent: runs at every start, adds what is missing, changes nothing else.
 */
import { sql } from "drizzle-orm";
import { UNIT_KINDS } from "@yingji/contracts";
import { incidentTypes } from "../modules/incidents/incident-types.table.ts";
import { orgUnitKinds } from "../modules/org/org.table.ts";
import type { Q } from "./client.ts";

type TypeSeed = [code: string, name: string, nameEn: string, children?: TypeSeed[]];

/**
 * The four categories of the national overall plan and their subcategories. Codes follow the
 * shape of GB/T 35561-2017 (category digit, subcategory, item); the official table is
 * unconfirmed here and can replace this one as data (rules.md).
 */
export const INCIDENT_TYPE_TREE: { category: "natural" | "accident" | "health" | "social"; root: TypeSeed }[] = [
  { category: "natural", root: ["10000", "自然灾害", "Natural disasters", [
    ["11000", "水旱灾害", "Floods and droughts", [["11100", "洪涝灾害", "Flood"], ["11200", "干旱灾害", "Drought"]]],
    ["12000", "气象灾害", "Meteorological disasters", [["12100", "台风", "Typhoon"], ["12200", "暴雨", "Rainstorm"], ["12300", "暴雪、寒潮", "Snowstorm, cold wave"], ["12400", "大风、冰雹、雷电", "Gale, hail, lightning"], ["12500", "高温", "Heat wave"], ["12600", "大雾、霾", "Fog, haze"]]],
    ["13000", "地震灾害", "Earthquakes"],
    ["14000", "地质灾害", "Geological disasters", [["14100", "崩塌、滑坡、泥石流", "Collapse, landslide, debris flow"], ["14200", "地面塌陷", "Ground subsidence"]]],
    ["15000", "海洋灾害", "Marine disasters"],
    ["16000", "生物灾害", "Biological disasters"],
    ["17000", "森林草原火灾", "Forest and grassland fires"],
  ]] },
  { category: "accident", root: ["20000", "事故灾难", "Accidents", [
    ["21000", "工矿商贸等企业安全事故", "Industrial, mining and commercial accidents", [["21100", "危险化学品事故", "Hazardous chemicals"], ["21200", "建筑施工事故", "Construction"], ["21300", "火灾事故", "Fire"], ["21400", "特种设备事故", "Special equipment"]]],
    ["22000", "交通运输事故", "Transport accidents", [["22100", "道路交通事故", "Road traffic"], ["22200", "水上交通事故", "Waterway"], ["22300", "轨道交通事故", "Rail transit"]]],
    ["23000", "公共设施和设备事故", "Public facility and equipment accidents", [["23100", "供水、供气、供电事故", "Water, gas, power supply"], ["23200", "桥梁、隧道等设施事故", "Bridges, tunnels"]]],
    ["24000", "环境污染和生态破坏事件", "Environmental pollution and ecological damage"],
  ]] },
  { category: "health", root: ["30000", "公共卫生事件", "Public health incidents", [
    ["31000", "传染病疫情", "Infectious disease"],
    ["32000", "群体性不明原因疾病", "Unexplained mass illness"],
    ["33000", "食品安全和职业危害", "Food safety and occupational hazards"],
    ["34000", "动物疫情", "Animal epidemics"],
  ]] },
  { category: "social", root: ["40000", "社会安全事件", "Social security incidents", [
    ["41000", "恐怖袭击事件", "Terrorist attacks"],
    ["42000", "经济安全事件", "Economic security"],
    ["43000", "涉外突发事件", "Foreign-related incidents"],
    ["44000", "群体性事件", "Mass incidents"],
  ]] },
];

/** Casualty supplement windows shorter than the rule's 30 days (493号 Art. 13): road traffic and fire accidents. */
const CASUALTY_SUPPLEMENT_DAYS: Record<string, number> = { "21300": 7, "22100": 7 };

export async function seedReferenceData(q: Q) {
  await q.insert(orgUnitKinds)
    .values(Object.entries(UNIT_KINDS).map(([code, k]) => ({ code, name: k.zh, nameEn: k.en, level: k.level })))
    .onConflictDoNothing();
  const existing = await q.select({ code: incidentTypes.code, id: incidentTypes.id }).from(incidentTypes);
  const idOf = new Map(existing.map((e) => [e.code, e.id]));
  let sort = 0;
  const walk = async (node: TypeSeed, category: string, parentId: string | null) => {
    const [code, name, nameEn, children] = node;
    if (!idOf.has(code)) {
      const [row] = await q.insert(incidentTypes).values({ code, name, nameEn, parentId, category, sort: sort, casualtySupplementDays: CASUALTY_SUPPLEMENT_DAYS[code] ?? null }).onConflictDoNothing().returning({ id: incidentTypes.id });
      if (row) idOf.set(code, row.id);
      else {
        const [again] = await q.select({ id: incidentTypes.id }).from(incidentTypes).where(sql`${incidentTypes.code} = ${code}`);
        idOf.set(code, again.id);
      }
    }
    sort++;
    for (const c of children ?? []) await walk(c, category, idOf.get(code)!);
  };
  if (existing.length === 0 || existing.length < countNodes()) {
    for (const t of INCIDENT_TYPE_TREE) await walk(t.root, t.category, null);
  }
}

function countNodes(): number {
  const n = (node: TypeSeed): number => 1 + (node[3] ?? []).reduce((s, c) => s + n(c), 0);
  return INCIDENT_TYPE_TREE.reduce((s, t) => s + n(t.root), 0);
}
