/**
 * Demo incidents, so that `npm start` opens on a district with a recent history: a closed fire
 * with its whole chain, a traffic accident forwarded late by its town, a flood report waiting at
 * its town, a hazardous-chemicals report made late, an exercise, and a fresh report of today.
 * Written as rows (the seed runs in one transaction, without a signed-in user).
 */
import type { Q } from "../../db/client.ts";
import { DEFAULT_RULES, initialDeadline, isLate, suggestLevel, forwardDeadline } from "./incidents.rules.ts";
import { incidentFlags, incidentReportForwards, incidentReports, incidents } from "./incidents.table.ts";

interface Unit { id: string; path: string }
interface Demo {
  title: string; type: string; village: string; town: string; level: "I" | "II" | "III" | "IV"; hoursAgo: number; reportAfterMin: number;
  figures: { dead?: number; missing?: number; injured?: number; seriouslyInjured?: number; trapped?: number; directLoss?: number };
  body: string; forwardAfterMin?: number; followups?: string[]; final?: string; exercise?: boolean; lat: number; lon: number; address: string;
}

const DEMO: Demo[] = [
  { title: "马杭村民房火灾", type: "21300", village: "马杭村", town: "湖塘镇", level: "IV", hoursAgo: 72, reportAfterMin: 35, figures: { injured: 1, directLoss: 80_000 },
    body: "马杭村 3 组一民房厨房起火，消防救援大队到场扑灭，1 人轻微烧伤送医。", forwardAfterMin: 50,
    followups: ["伤员已处理出院，过火面积约 20 平方米，原因初步为电气线路老化。"], final: "事故处置完毕，已开展村内用电安全排查 46 户。",
    lat: 31.7231, lon: 119.9712, address: "湖塘镇马杭村 3 组" },
  { title: "S232 省道卢家巷段三车相撞", type: "22100", village: "卢家巷村", town: "牛塘镇", level: "III", hoursAgo: 30, reportAfterMin: 40, figures: { dead: 3, injured: 4, directLoss: 600_000 },
    body: "S232 省道卢家巷路段一辆重型货车与两辆小客车相撞，3 人死亡 4 人受伤，交警、消防、120 已到场。", forwardAfterMin: 190,
    followups: ["4 名伤员在区人民医院救治，其中 1 人伤情较重；道路已恢复单向通行。"],
    lat: 31.7012, lon: 119.8987, address: "牛塘镇 S232 省道卢家巷段" },
  { title: "阳湖村低洼地段积水", type: "11100", village: "阳湖村", town: "洛阳镇", level: "IV", hoursAgo: 5, reportAfterMin: 30, figures: { trapped: 2, directLoss: 30_000 },
    body: "强降雨致阳湖村 2 组低洼地段积水约 40 厘米，2 名老人被困，村应急分队已转移安置。",
    lat: 31.6511, lon: 120.1032, address: "洛阳镇阳湖村 2 组" },
  { title: "成章村化工企业储罐泄漏", type: "21100", village: "成章村", town: "嘉泽镇", level: "II", hoursAgo: 10, reportAfterMin: 180, figures: { seriouslyInjured: 2, directLoss: 60_000_000 },
    body: "园区一企业储罐阀门泄漏，2 名员工中毒送医，周边 500 米人员已疏散，环境监测进行中。", forwardAfterMin: 30,
    lat: 31.6023, lon: 119.8011, address: "嘉泽镇成章村工业集中区" },
  { title: "东安村防汛应急演练", type: "11100", village: "东安村", town: "湟里镇", level: "IV", hoursAgo: 48, reportAfterMin: 20, figures: {}, exercise: true,
    body: "【演练】模拟河堤管涌险情，检验村组预警、转移和抢险流程。", forwardAfterMin: 25, final: "【演练】演练结束：转移 32 人用时 18 分钟，转移路线标识不足，已整改。",
    lat: 31.6201, lon: 119.7203, address: "湟里镇东安村河堤" },
  { title: "鸣凰村道路塌陷", type: "22100", village: "鸣凰村", town: "湖塘镇", level: "IV", hoursAgo: 1, reportAfterMin: 25, figures: { directLoss: 50_000 },
    body: "鸣凰村村道因地下管线渗漏出现约 2 平方米塌陷，已设置围挡，无人员伤亡。",
    lat: 31.7102, lon: 119.9805, address: "湖塘镇鸣凰村村道" },
];

const at = (now: Date, hoursAgo: number, plusMin = 0) => new Date(now.getTime() - hoursAgo * 3_600_000 + plusMin * 60_000);

export async function seedDemoIncidents(tx: Q, units: Map<string, Unit>, districtId: string, userId: string, typeIds: Map<string, string>, now = new Date()) {
  for (const d of DEMO) {
    const village = units.get(d.village)!;
    const town = units.get(d.town)!;
    const typeId = typeIds.get(d.type);
    if (!village || !town || !typeId) continue;
    const f = { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0, ...d.figures };
    const occurredAt = at(now, d.hoursAgo);
    const learnedAt = at(now, d.hoursAgo, 10);
    const reportedAt = at(now, d.hoursAgo, 10 + d.reportAfterMin);
    const closed = !!d.final;
    const [incident] = await tx.insert(incidents).values({
      title: d.title, typeId, lat: d.lat, lon: d.lon, address: d.address, occurredAt, learnedAt, ...f, level: d.level, initialLevel: d.level,
      status: closed ? "closed" : "open", responseEndedAt: closed ? at(now, d.hoursAgo, 60 * 30) : null, exercise: !!d.exercise,
      unitId: village.id, unitPath: village.path, recordedByUnitId: village.id, initialReportedAt: reportedAt, createdBy: userId, updatedBy: userId,
      createdAt: reportedAt, updatedAt: reportedAt,
    }).returning();
    const dueAt = initialDeadline(DEFAULT_RULES, { level: d.level, sensitive: false, learnedAt });
    const texts: [kind: "initial" | "followup" | "final", body: string, minutes: number][] = [
      ["initial", d.body, 10 + d.reportAfterMin],
      ...(d.followups ?? []).map((b, i) => ["followup", b, 10 + d.reportAfterMin + 600 * (i + 1)] as ["followup", string, number]),
      ...(d.final ? [["final", d.final, 60 * 40] as ["final", string, number]] : []),
    ];
    for (const [number, [kind, body, minutes]] of texts.entries()) {
      const submittedAt = at(now, d.hoursAgo, minutes);
      const due = kind === "initial" ? dueAt : null;
      const [report] = await tx.insert(incidentReports).values({
        incidentId: incident.id, kind, number, ...f, level: number === 0 ? d.level : null, suggestedLevel: suggestLevel(f), body, reporterName: "村信息联络员",
        unitId: village.id, unitPath: village.path, toUnitId: town.id, submittedAt, submittedBy: userId, dueAt: due, late: due ? isLate(submittedAt, due) : false,
        responseEnded: kind === "final", exercise: !!d.exercise,
      }).returning();
      if (report.late) {
        await tx.insert(incidentFlags).values({ incidentId: incident.id, kind: "late", reportId: report.id, unitId: village.id, raisedAt: submittedAt, detail: `初报迟报：应于 ${due!.toISOString()} 前报告` });
      }
      // The town passes every report up (the initial one after `forwardAfterMin`, the others within the hour).
      if (d.forwardAfterMin !== undefined) {
        const forwardedAt = new Date(submittedAt.getTime() + (number === 0 ? d.forwardAfterMin : 45) * 60_000);
        if (forwardedAt > now) continue;
        const fDue = forwardDeadline(DEFAULT_RULES, submittedAt);
        const late = isLate(forwardedAt, fDue);
        await tx.insert(incidentReportForwards).values({ reportId: report.id, fromUnitId: town.id, toUnitId: districtId, forwardedAt, forwardedBy: userId, note: "已核实", dueAt: fDue, late });
        if (late) await tx.insert(incidentFlags).values({ incidentId: incident.id, kind: "late", reportId: report.id, unitId: town.id, raisedAt: forwardedAt, detail: `转报迟报：应于 ${fDue.toISOString()} 前转报上级` });
      }
    }
  }
}
