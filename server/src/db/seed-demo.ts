/**
 * The demo district (illustrative only): Wujin District, Changzhou (320412), its towns,
 * subdistricts and zones with villages and communities, member departments, enterprises,
 * people with contacts, and one account per role. Runs once, on an empty database.
 */
import { randomBytes } from "node:crypto";
import { count, sql } from "drizzle-orm";
import { DUTY_ROOM_KINDS, type Role } from "@yingji/contracts";
import { orgUnits, people, responsibilities, unitChecklist } from "../modules/org/org.table.ts";
import { incidentTypes } from "../modules/incidents/incident-types.table.ts";
import { recordAudit } from "../platform/audit.ts";
import { hashPassword } from "../platform/auth/passwords.ts";
import { users } from "../platform/platform.table.ts";
import { newLabel } from "../modules/org/units.service.ts";
import { seedDemoDuty } from "../modules/duty/duty.seed.ts";
import { seedDemoIncidents } from "../modules/incidents/incidents.seed.ts";
import { seedDemoMaterials } from "../modules/materials/materials.seed.ts";
import { seedDemoShelters } from "../modules/shelters/shelters.seed.ts";
import { seedDemoTeams, type SeedUnits } from "../modules/teams/teams.seed.ts";
import { seedDemoWarnings } from "../modules/warnings/warnings.seed.ts";
import type { Db } from "./client.ts";

export const DEMO_ACCOUNTS: { username: Role; displayName: string; unit: string }[] = [
  { username: "admin", displayName: "系统管理员", unit: "武进区" },
  { username: "secadmin", displayName: "安全管理员", unit: "武进区" },
  { username: "duty", displayName: "区值班员", unit: "武进区" },
  { username: "leader", displayName: "区领导", unit: "武进区" },
  { username: "dept", displayName: "交通运输局联络员", unit: "区交通运输局" },
  { username: "town", displayName: "湖塘镇应急办", unit: "湖塘镇" },
  { username: "village", displayName: "村信息联络员", unit: "马杭村" },
  { username: "enterprise", displayName: "企业安全员", unit: "常州示例化工有限公司" },
  { username: "expert", displayName: "危化专家", unit: "武进区" },
  { username: "auditor", displayName: "审计管理员", unit: "武进区" },
];

const TOWNS: [name: string, kind: string, lat: number, lon: number, villages: string[]][] = [
  ["湖塘镇", "town", 31.72, 119.97, ["马杭村", "鸣凰村", "城南社区", "花园社区", "长沟村"]],
  ["牛塘镇", "town", 31.70, 119.90, ["卢家巷村", "丫河村", "牛塘社区", "高家村"]],
  ["洛阳镇", "town", 31.65, 120.10, ["岑村", "阳湖村", "洛阳社区", "戴溪村"]],
  ["遥观镇", "town", 31.75, 120.07, ["剑湖村", "钱家塘村", "遥观社区", "大明村"]],
  ["横林镇", "town", 31.73, 120.15, ["崔桥村", "横林社区", "新东村", "江村"]],
  ["横山桥镇", "town", 31.80, 120.10, ["芙蓉村", "五一村", "横山桥社区"]],
  ["雪堰镇", "town", 31.52, 120.12, ["城湾村", "太滆村", "雪堰社区", "漕桥村", "新康村"]],
  ["前黄镇", "town", 31.58, 119.98, ["寨桥村", "杨桥村", "前黄社区", "坊前村"]],
  ["礼嘉镇", "town", 31.63, 120.03, ["坂上村", "礼嘉社区", "毛家村"]],
  ["嘉泽镇", "town", 31.60, 119.80, ["成章村", "嘉泽社区", "夏溪村"]],
  ["湟里镇", "town", 31.62, 119.72, ["东安村", "湟里社区", "村前村"]],
  ["南夏墅街道", "subdistrict", 31.65, 119.93, ["南夏墅社区", "西湖村", "大学城社区"]],
  ["西湖街道", "subdistrict", 31.68, 119.85, ["塘洋村", "西湖社区", "定西村"]],
  ["武进国家高新技术产业开发区", "zone", 31.70, 119.93, ["凤苑社区", "新城社区"]],
  ["武进经济开发区", "zone", 31.67, 119.80, ["腾龙苑社区", "长虹社区"]],
];

const DEPARTMENTS = ["区公安分局", "区消防救援大队", "区卫生健康局", "区生态环境局", "区交通运输局", "区水利局", "区住房和城乡建设局", "区气象局", "区市场监督管理局", "区教育局"];

const ENTERPRISES: [name: string, town: string][] = [
  ["常州示例化工有限公司", "湖塘镇"], ["武进示例钢铁集团", "遥观镇"], ["江苏示例燃气有限公司", "牛塘镇"], ["常州示例物流园", "横林镇"],
];

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文辉玲波斌宇浩凯鹏飞雪梅琳晨阳海燕丹林峰健东亮春";

/** Deterministic generator so every demo install looks the same. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function demoPassword(fromEnv?: string): { password: string; generated: boolean } {
  if (fromEnv) return { password: fromEnv, generated: false };
  return { password: `Yj-${randomBytes(6).toString("base64url")}#7a`, generated: true };
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(orgUnits);
  return n === 0;
}

/** `activity: false` leaves out the demo's recent incidents (tests start from an empty history). */
export async function seedDemo(db: Db, password: string, opts: { activity?: boolean } = {}) {
  const rand = prng(320412);
  const pick = <T>(xs: ArrayLike<T>) => xs[Math.floor(rand() * xs.length)];
  const personName = () => pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : "");
  const mobile = () => `1${pick("3589")}${String(Math.floor(rand() * 1e9)).padStart(9, "0")}`;
  const passwordHash = await hashPassword(password);

  await db.transaction(async (tx) => {
    const unitIds = new Map<string, { id: string; path: string }>();
    const kinds = new Map<string, string>();
    const addUnit = async (name: string, kind: string, parent: string | null, extra: Partial<typeof orgUnits.$inferInsert> = {}) => {
      const p = parent ? unitIds.get(parent)! : null;
      const [row] = await tx.insert(orgUnits).values({
        name, kind, parentId: p?.id ?? null, path: p ? `${p.path}.${newLabel()}` : "d320412", sort: unitIds.size, ...extra,
      }).returning({ id: orgUnits.id, path: orgUnits.path });
      unitIds.set(name, row);
      kinds.set(row.id, kind);
      return row;
    };
    await addUnit("武进区", "district", null, { code: "320412", dutyPhone: "0519-86310110", lat: 31.70, lon: 119.94, address: "常州市武进区延政中路5号", population: 1_610_000 });
    let townNo = 0;
    for (const [town, kind, lat, lon, villages] of TOWNS) {
      townNo++;
      const code = `320412${String(townNo).padStart(3, "0")}`;
      await addUnit(town, kind, "武进区", { code, lat, lon, dutyPhone: `0519-8${String(6300000 + townNo * 1111).slice(0, 7)}`, population: 40_000 + Math.floor(rand() * 120_000) });
      let vNo = 0;
      for (const v of villages) {
        vNo++;
        await addUnit(v, v.endsWith("社区") ? "community" : "village", town, {
          code: `${code}${String(vNo).padStart(3, "0")}`, dutyPhone: `0519-8${String(7000000 + townNo * 1000 + vNo * 11).slice(0, 7)}`, lat: lat + (rand() - 0.5) * 0.05, lon: lon + (rand() - 0.5) * 0.05, population: 2_000 + Math.floor(rand() * 6_000),
        });
      }
    }
    let dNo = 0;
    for (const d of DEPARTMENTS) await addUnit(d, "department", "武进区", { code: `D${String(++dNo).padStart(3, "0")}`, dutyPhone: `0519-8630${String(2000 + dNo)}` });
    for (const [e, town] of ENTERPRISES) {
      const t = TOWNS.find((x) => x[0] === town)!;
      await addUnit(e, "enterprise", town, { lat: t[2] + 0.01, lon: t[3] + 0.01 });
    }

    // People: a head and a duty officer in every unit, a liaison officer in most villages.
    const rows: (typeof people.$inferInsert)[] = [];
    let missingLiaison = 0;
    for (const [name, { id }] of unitIds) {
      const isVillage = name.endsWith("村") || name.endsWith("社区");
      const isTown = TOWNS.some((t) => t[0] === name);
      rows.push({ unitId: id, name: personName(), title: isVillage ? "村(居)委会主任" : isTown ? "分管副镇长" : "主要负责人", emergencyRoles: ["commander"], duty: "组织指挥本单位突发事件应对", mobile: mobile(), officePhone: null, sort: 1 });
      rows.push({ unitId: id, name: personName(), title: "值班员", emergencyRoles: ["duty"], duty: "24小时值班值守、信息接报", mobile: mobile(), sort: 2 });
      const skip = isVillage && name !== "马杭村" && rand() < 0.15 && missingLiaison < 6;
      if (skip) missingLiaison++;
      if (isVillage && !skip) rows.push({ unitId: id, name: personName(), title: "信息联络员", emergencyRoles: ["liaison"], duty: "突发事件信息报送、预警信息接收与反馈", mobile: mobile(), isLiaison: true, sort: 3 });
      if (isTown) rows.push({ unitId: id, name: personName(), title: "应急办主任", emergencyRoles: ["deputy", "liaison"], duty: "镇级应急管理日常工作、信息汇总上报", mobile: mobile(), officePhone: `0519-8${String(6000000 + Math.floor(rand() * 999999))}`, isLiaison: true, sort: 0 });
    }
    const inserted = await tx.insert(people).values(rows).returning({ id: people.id, unitId: people.unitId, isLiaison: people.isLiaison });

    // Six in place: towns mostly done, villages partly.
    const items = ["body", "function", "posts", "people", "funds", "premises"];
    const checklist: (typeof unitChecklist.$inferInsert)[] = [];
    for (const [name, { id }] of unitIds) {
      const share = TOWNS.some((t) => t[0] === name) ? 0.85 : 0.55;
      for (const item of items) if (rand() < share) checklist.push({ unitId: id, item, done: true, note: "已落实" });
    }
    await tx.insert(unitChecklist).values(checklist);

    // Responsibility matrix for a few incident types.
    const typeId = async (code: string) => (await tx.select({ id: incidentTypes.id }).from(incidentTypes).where(sql`${incidentTypes.code} = ${code}`))[0]?.id;
    const matrix: [code: string, lead: string, members: string[]][] = [
      ["21100", "区消防救援大队", ["区生态环境局", "区卫生健康局", "区公安分局"]],
      ["22100", "区公安分局", ["区交通运输局", "区卫生健康局", "区消防救援大队"]],
      ["11100", "区水利局", ["区气象局", "区住房和城乡建设局", "区交通运输局"]],
      ["12100", "区气象局", ["区水利局", "区住房和城乡建设局", "区教育局"]],
      ["31000", "区卫生健康局", ["区市场监督管理局", "区教育局", "区公安分局"]],
      ["24000", "区生态环境局", ["区水利局", "区消防救援大队"]],
    ];
    for (const [code, lead, members] of matrix) {
      const incidentTypeId = await typeId(code);
      if (!incidentTypeId) continue;
      await tx.insert(responsibilities).values([
        { incidentTypeId, unitId: unitIds.get(lead)!.id, role: "lead", duties: "牵头组织应对，成立现场指挥部，统一调度救援力量" },
        ...members.map((m) => ({ incidentTypeId, unitId: unitIds.get(m)!.id, role: "member", duties: "按职责配合开展处置、保障和信息报送" })),
      ]);
    }

    const districtId = unitIds.get("武进区")!.id;
    // Rosters for the district and every unit that keeps a duty room, but two towns left without
    // one (湖塘镇 plans its own month in the tests; 牛塘镇 shows the "no shift now" warning).
    const withoutRoster = new Set(["湖塘镇", "牛塘镇"].map((n) => unitIds.get(n)!.id));
    const dutyRooms = new Set<string>(DUTY_ROOM_KINDS);
    const rosterUnits = [districtId, ...[...unitIds.values()].map((u) => u.id).filter((id) => id !== districtId && dutyRooms.has(kinds.get(id)!) && !withoutRoster.has(id))];
    await seedDemoDuty(tx, districtId, rosterUnits.map((unitId) => ({ unitId, people: inserted.filter((p) => p.unitId === unitId).slice(0, 2).map((p) => p.id) })));

    // Emergency resources (issue 5) near the units they belong to.
    const located = await tx.execute<{ id: string; name: string; lat: number | null; lon: number | null }>(sql`select id, name, lat, lon from org_units`);
    const byName = new Map(located.rows.map((u) => [u.name, { id: u.id, lat: u.lat === null ? null : Number(u.lat), lon: u.lon === null ? null : Number(u.lon) }]));
    const units: SeedUnits = { get: (name) => byName.get(name) };
    await seedDemoTeams(tx, units, rand, personName, mobile);
    await seedDemoMaterials(tx, units, rand, personName, mobile);
    await seedDemoShelters(tx, units, rand, personName, mobile);

    const villageUnit = unitIds.get("马杭村")!.id;
    for (const a of DEMO_ACCOUNTS) {
      const unitId = unitIds.get(a.unit)!.id;
      const personId = a.username === "village" ? inserted.find((p) => p.unitId === villageUnit && p.isLiaison)?.id ?? null : null;
      await tx.insert(users).values({ username: a.username, displayName: a.displayName, role: a.username, unitId, personId, passwordHash, mustChangePassword: false, passwordChangedAt: new Date() });
    }
    if (opts.activity !== false) {
      const villageUser = (await tx.select({ id: users.id }).from(users).where(sql`${users.username} = 'village'`))[0]?.id;
      const typeIds = new Map((await tx.select({ code: incidentTypes.code, id: incidentTypes.id }).from(incidentTypes)).map((r) => [r.code, r.id]));
      if (villageUser) await seedDemoIncidents(tx, unitIds, districtId, villageUser, typeIds);
    }
    await recordAudit(tx, { actorName: "system", action: "system.seed_demo", after: { units: unitIds.size, people: rows.length, accounts: DEMO_ACCOUNTS.length } });
  });
  // Warnings go through their service functions (their own transactions), once the accounts exist.
  await seedDemoWarnings(db);
}
