/** Demo shelters across the towns (illustrative only). */
import type { Q } from "../../db/client.ts";
import type { SeedUnits } from "../teams/teams.seed.ts";
import { near } from "../teams/teams.seed.ts";
import { capacityOf } from "./shelters.rules.ts";
import { shelters } from "./shelters.table.ts";

const S: [name: string, town: string, kind: string, cls: string, category: string, area: number, facilities: string[]][] = [
  ["武进体育馆", "湖塘镇", "stadium", "I", "central", 24_000, ["command", "medical", "storage", "power", "water", "fire", "toilets", "broadcast"]],
  ["武进市民广场", "湖塘镇", "square", "II", "fixed", 30_000, ["command", "water", "toilets", "broadcast", "tents"]],
  ["湖塘中心小学", "湖塘镇", "school", "III", "emergency", 3_000, ["water", "toilets", "power"]],
  ["淹城森林公园", "湖塘镇", "park", "II", "fixed", 45_000, ["tents", "water", "toilets", "broadcast", "fire"]],
  ["牛塘镇文化广场", "牛塘镇", "square", "III", "emergency", 8_000, ["water", "toilets"]],
  ["洛阳镇中学", "洛阳镇", "school", "III", "emergency", 4_500, ["water", "toilets", "power"]],
  ["遥观镇人民公园", "遥观镇", "park", "II", "fixed", 20_000, ["tents", "water", "toilets", "medical"]],
  ["横林镇体育中心", "横林镇", "stadium", "II", "fixed", 15_000, ["command", "medical", "power", "water", "toilets", "broadcast"]],
  ["横山桥镇芙蓉湖绿地", "横山桥镇", "green_space", "III", "emergency", 12_000, ["water", "toilets"]],
  ["雪堰镇避灾安置中心", "雪堰镇", "other", "I", "central", 6_000, ["command", "medical", "storage", "power", "water", "fire", "toilets", "broadcast"]],
  ["前黄镇前黄实验学校", "前黄镇", "school", "III", "emergency", 5_000, ["water", "toilets", "power"]],
  ["礼嘉镇人防疏散基地", "礼嘉镇", "civil_air_defence", "II", "fixed", 3_600, ["power", "water", "toilets", "storage", "broadcast"]],
  ["嘉泽镇花木广场", "嘉泽镇", "square", "III", "emergency", 9_000, ["water", "toilets"]],
  ["湟里镇文体中心", "湟里镇", "stadium", "III", "emergency", 5_500, ["water", "toilets", "power"]],
  ["南夏墅大学城体育场", "南夏墅街道", "stadium", "II", "fixed", 26_000, ["medical", "water", "toilets", "broadcast", "power"]],
  ["西湖街道西太湖揽月湾公园", "西湖街道", "park", "II", "fixed", 38_000, ["tents", "water", "toilets", "broadcast"]],
  ["高新区人防地下工程", "武进国家高新技术产业开发区", "civil_air_defence", "II", "fixed", 7_500, ["power", "water", "toilets", "storage"]],
  ["经开区滨湖宾馆", "武进经济开发区", "hotel", "III", "emergency", 2_400, ["power", "water", "toilets", "medical"]],
];

export async function seedDemoShelters(tx: Q, units: SeedUnits, rand: () => number, personName: () => string, mobile: () => string, m2PerPerson = 1.5) {
  await tx.insert(shelters).values(S.map(([name, town, kind, shelterClass, category, usableArea, facilities]) => ({
    ...near(units, town, rand), name, kind, shelterClass, category, usableArea, capacity: capacityOf(usableArea, null, m2PerPerson), facilities,
    managerName: personName(), managerPhone: mobile(), address: town, lastInspectedAt: new Date(Date.now() - Math.floor(rand() * 120) * 86_400_000),
  })));
}
