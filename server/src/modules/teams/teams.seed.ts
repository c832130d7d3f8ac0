/** Demo rescue teams, experts and volunteers of the demo district (illustrative only). */
import { sql } from "drizzle-orm";
import type { Q } from "../../db/client.ts";
import { experts, teams, volunteers } from "./teams.table.ts";

export interface SeedUnits {
  /** Unit id, path and location by name. */
  get(name: string): { id: string; lat: number | null; lon: number | null } | undefined;
}

type Rand = () => number;

/** A point near a unit (jitter in km). */
export function near(units: SeedUnits, name: string, rand: Rand, km = 1.5): { unitId: string; lat: number; lon: number } {
  const u = units.get(name);
  if (!u || u.lat === null || u.lon === null) throw new Error(`demo seed: no located unit ${name}`);
  return { unitId: u.id, lat: u.lat + ((rand() - 0.5) * 2 * km) / 111, lon: u.lon + ((rand() - 0.5) * 2 * km) / 95 };
}

async function typeIds(tx: Q): Promise<Map<string, string>> {
  const { rows } = await tx.execute<{ id: string; code: string }>(sql`select id, code from incident_types`);
  return new Map(rows.map((r) => [r.code, r.id]));
}

const CERTS = ["应急救援员（四级）", "红十字救护员", "潜水员证", "危险化学品安全作业证", "特种作业操作证（电工）", "消防设施操作员"];

export async function seedDemoTeams(tx: Q, units: SeedUnits, rand: Rand, personName: () => string, mobile: () => string) {
  const types = await typeIds(tx);
  const caps = (...codes: string[]) => codes.map((c) => types.get(c)).filter((x): x is string => !!x);
  const day = (offset: number) => new Date(Date.UTC(2026, 5, 1) + offset * 86_400_000).toISOString().slice(0, 10);
  const members = (n: number, skills: string[]) => Array.from({ length: n }, (_, i) => ({
    name: personName(), role: i === 0 ? "队长" : i === 1 ? "副队长" : "队员", mobile: mobile(), skills: skills.filter(() => rand() < 0.6),
    certificates: rand() < 0.7 ? [{ name: CERTS[Math.floor(rand() * CERTS.length)], number: `JS${Math.floor(rand() * 1e8)}`, expiresOn: day(Math.floor(rand() * 900) - 120) }] : [],
  }));
  const rows: (typeof teams.$inferInsert)[] = [];
  const add = (name: string, unit: string, kind: string, capabilities: string[], equipment: { type: string; count: number; condition: string }[], opts: { readiness?: string; headcount?: number; skills?: string[]; at?: string } = {}) => {
    const m = members(Math.min(8, opts.headcount ?? 8), opts.skills ?? ["急救", "破拆", "绳索救援"]);
    rows.push({
      ...near(units, opts.at ?? unit, rand), unitId: units.get(unit)!.id, name, kind, readiness: opts.readiness ?? "ready", headcount: opts.headcount ?? m.length, leaderName: m[0].name, leaderPhone: m[0].mobile,
      dutyPhone: `0519-8${String(6000000 + Math.floor(rand() * 999999))}`, capabilities, members: m, equipment, address: `${opts.at ?? unit}`,
    });
  };
  add("武进区消防救援大队特勤站", "区消防救援大队", "fire", caps("21300", "21100", "17000", "22100", "23200", "13000"), [
    { type: "抢险救援消防车", count: 4, condition: "good" }, { type: "举高喷射消防车", count: 1, condition: "good" }, { type: "正压式空气呼吸器", count: 40, condition: "good" },
  ], { headcount: 46, at: "湖塘镇", skills: ["灭火", "破拆", "高空救援", "危化品处置"] });
  add("武进区综合应急救援大队", "武进区", "comprehensive", caps("11000", "12000", "14000", "13000", "23000"), [
    { type: "应急照明车", count: 1, condition: "good" }, { type: "大流量排水泵", count: 6, condition: "good" }, { type: "生命探测仪", count: 2, condition: "fair" },
  ], { headcount: 60, at: "武进国家高新技术产业开发区" });
  add("常州示例化工危险化学品救援队", "常州示例化工有限公司", "hazmat", caps("21100", "24000"), [
    { type: "重型防化服", count: 12, condition: "good" }, { type: "有毒气体检测仪", count: 6, condition: "good" }, { type: "堵漏工具组", count: 3, condition: "repair" },
  ], { headcount: 18, skills: ["危化品处置", "洗消", "气体检测"] });
  add("武进示例钢铁集团专职消防队", "武进示例钢铁集团", "enterprise_part_time", caps("21300", "21100", "21400"), [
    { type: "水罐消防车", count: 2, condition: "good" }, { type: "泡沫消防车", count: 1, condition: "good" },
  ], { headcount: 24 });
  add("江苏示例燃气抢险队", "江苏示例燃气有限公司", "enterprise_part_time", caps("23100", "21100"), [
    { type: "燃气抢修车", count: 2, condition: "good" }, { type: "可燃气体检测仪", count: 8, condition: "good" },
  ], { headcount: 15, readiness: "deployed" });
  add("武进区水上搜救队", "区交通运输局", "water_rescue", caps("22200", "11100"), [
    { type: "冲锋舟", count: 4, condition: "good" }, { type: "救生衣", count: 80, condition: "good" }, { type: "潜水装备", count: 6, condition: "fair" },
  ], { headcount: 22, at: "雪堰镇", skills: ["潜水", "舟艇驾驶", "水上救援"] });
  add("武进人民医院紧急医学救援队", "区卫生健康局", "medical", caps("31000", "32000", "33000", "22100", "21000"), [
    { type: "负压救护车", count: 3, condition: "good" }, { type: "移动医疗帐篷", count: 2, condition: "good" },
  ], { headcount: 30, at: "湖塘镇", skills: ["急救", "检伤分类", "院前急救"] });
  add("武进区道路交通事故救援队", "区交通运输局", "road_traffic", caps("22100", "23200"), [
    { type: "清障车", count: 3, condition: "good" }, { type: "液压破拆工具", count: 4, condition: "good" },
  ], { headcount: 20, at: "牛塘镇" });
  add("武进蓝天救援队", "武进区", "volunteer", caps("11100", "22200", "13000"), [
    { type: "橡皮艇", count: 3, condition: "good" }, { type: "无人机", count: 2, condition: "good" },
  ], { headcount: 56, at: "西湖街道", skills: ["水上救援", "山地搜救", "无人机"] });
  const towns = ["湖塘镇", "牛塘镇", "洛阳镇", "遥观镇", "横林镇", "横山桥镇", "雪堰镇", "前黄镇", "礼嘉镇", "嘉泽镇", "湟里镇", "南夏墅街道", "西湖街道", "武进国家高新技术产业开发区", "武进经济开发区"];
  towns.forEach((town, i) => {
    const short = town.replace("武进国家高新技术产业开发区", "高新区").replace("武进经济开发区", "经开区");
    add(`${short}综合应急救援队`, town, i % 3 === 0 ? "comprehensive" : "grassroots", caps("11100", "12000", "21300", "14000"), [
      { type: "排水泵", count: 2 + (i % 3), condition: "good" }, { type: "油锯", count: 2, condition: i % 4 === 0 ? "repair" : "good" }, { type: "应急照明灯", count: 10, condition: "good" },
    ], { headcount: 15 + (i % 5) * 3, readiness: i === 4 ? "deployed" : i === 9 ? "unavailable" : "ready" });
  });
  // 马杭村 has its own volunteer fire squad (微型消防站).
  add("马杭村微型消防站", "马杭村", "grassroots", caps("21300"), [{ type: "手抬机动消防泵", count: 1, condition: "good" }, { type: "灭火器", count: 30, condition: "good" }], { headcount: 6 });
  await tx.insert(teams).values(rows);

  const EXPERTS: [string, string, string, string, string[]][] = [
    ["危化品安全", "常州大学", "教授", "district", ["21100", "24000"]],
    ["化工工艺", "江苏示例化工研究院", "教授级高工", "city", ["21100"]],
    ["消防工程", "区消防救援大队", "高级工程师", "district", ["21300", "17000"]],
    ["水利防汛", "区水利局", "高级工程师", "district", ["11100", "12100", "12200"]],
    ["气象", "区气象局", "正研级高工", "district", ["12000"]],
    ["地质灾害", "江苏省地质调查研究院", "研究员", "city", ["14000", "13000"]],
    ["建筑结构", "江苏理工学院", "副教授", "district", ["21200", "23200", "13000"]],
    ["交通运输", "区交通运输局", "高级工程师", "district", ["22100", "22200"]],
    ["传染病防控", "区疾病预防控制中心", "主任医师", "district", ["31000", "32000"]],
    ["急诊医学", "武进人民医院", "主任医师", "district", ["22100", "21000"]],
    ["特种设备", "区市场监督管理局", "高级工程师", "district", ["21400"]],
    ["环境监测", "区生态环境局", "高级工程师", "district", ["24000", "21100"]],
    ["燃气安全", "江苏示例燃气有限公司", "高级工程师", "district", ["23100"]],
    ["食品安全", "区市场监督管理局", "主任药师", "district", ["33000"]],
  ];
  await tx.insert(experts).values(EXPERTS.map(([field, affiliation, title, level, codes], i) => ({
    ...near(units, "武进区", rand, 6), name: personName(), affiliation, title: `${title}（${field}）`, level, specialties: caps(...codes), mobile: mobile(),
    availability: i % 7 === 3 ? "busy" : "available", address: affiliation,
  })));

  const GROUPS: [string, string, number, string[]][] = [
    ["武进蓝天救援队志愿者分队", "西湖街道", 56, ["水上救援", "山地搜救", "无人机"]],
    ["湖塘镇红十字志愿服务队", "湖塘镇", 40, ["急救", "心理疏导"]],
    ["雪堰镇防汛志愿者队", "雪堰镇", 35, ["巡堤查险", "装沙袋"]],
    ["横林镇应急志愿者服务队", "横林镇", 28, ["秩序维护", "物资搬运"]],
    ["南夏墅大学城青年志愿者协会", "南夏墅街道", 120, ["秩序维护", "宣传引导", "外语"]],
    ["洛阳镇党员先锋志愿队", "洛阳镇", 32, ["群众转移", "物资发放"]],
    ["牛塘镇社区应急志愿者队", "牛塘镇", 25, ["急救", "巡查"]],
  ];
  await tx.insert(volunteers).values([
    ...GROUPS.map(([name, town, headcount, skills], i) => ({
      ...near(units, town, rand), name, kind: "group", groupName: null, headcount, contactName: personName(), mobile: mobile(), skills,
      availability: i === 3 ? "busy" : "available", training: "应急救护、防汛抢险、群众转移培训", lastTrainedOn: day(-30 - i * 20),
    })),
    ...["马杭村", "鸣凰村", "城南社区", "花园社区"].map((v) => ({
      ...near(units, v, rand, 0.5), name: personName(), kind: "person", groupName: "湖塘镇红十字志愿服务队", headcount: 1, contactName: null, mobile: mobile(),
      skills: ["急救"], availability: "available", training: "红十字救护员培训", lastTrainedOn: day(-60),
    })),
  ]);
}
