/**
 * Demo warnings, through the same service functions as the API: a rainstorm alert received
 * from the city weather service (CAP), the district's relay of it released by two people to
 * two towns, and the acknowledgements and feedback of a few of their units.
 */
import { sql } from "drizzle-orm";
import type { CapAlert } from "@yingji/contracts";
import { loadConfig } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { toCapXml } from "./cap/cap.ts";
import { shanghaiIso } from "./warnings.rules.ts";
import { approveWarning, createWarning, importCapDocument, submitWarning } from "./warnings.service.ts";
import { warningSettings } from "./warnings.settings.ts";
import { ackWarning, addFeedback } from "./warnings.tracking.ts";

/** A signed-in-like actor for a demo account (the seed acts as the people of the demo). */
async function actorOf(db: Db, username: string): Promise<Actor> {
  const { rows } = await db.execute<{ id: string; display_name: string; role: Actor["role"]; unit_id: string; unit_name: string; unit_path: string; person_id: string | null }>(sql`
    select u.id, u.display_name, u.role, u.unit_id, o.name as unit_name, o.path::text as unit_path, u.person_id
    from users u join org_units o on o.id = u.unit_id where u.username = ${username}`);
  const u = rows[0];
  return {
    id: u.id, username, displayName: u.display_name, role: u.role, unitId: u.unit_id, unitName: u.unit_name, unitPath: u.unit_path, personId: u.person_id,
    totpEnabled: false, mustChangePassword: false, mustEnrollTotp: false, sessionId: "seed", csrfToken: "seed", ip: "127.0.0.1",
  };
}

const WUJIN: [number, number][] = [[31.86, 119.70], [31.86, 120.24], [31.48, 120.24], [31.48, 119.70], [31.86, 119.70]];

export async function seedDemoWarnings(db: Db, now = new Date()) {
  const duty = await actorOf(db, "duty");
  const leader = await actorOf(db, "leader");
  const town = await actorOf(db, "town");
  const village = await actorOf(db, "village");
  const sent = new Date(now.getTime() - 40 * 60_000);
  const alert: CapAlert = {
    identifier: `32040041600000_${shanghaiIso(sent).replace(/[-:T]/g, "").slice(0, 14)}_1`, sender: "32040041600000", sent: shanghaiIso(sent),
    status: "Actual", msgType: "Alert", scope: "Public", codes: ["GB/T 35965.1-2018"], references: [],
    infos: [{
      language: "zh-CN", category: ["Met"], event: "雷雨大风", responseType: ["Prepare"], urgency: "Expected", severity: "Moderate", certainty: "Likely",
      eventCodes: [], effective: shanghaiIso(sent), expires: shanghaiIso(new Date(sent.getTime() + 24 * 3_600_000)), senderName: "常州市气象台",
      headline: "常州市气象台发布雷雨大风黄色预警信号",
      description: "受强对流云团影响，预计未来6小时内武进区将出现雷雨天气，并伴有8～10级短时大风，局部有冰雹和短时强降水。",
      instruction: "1. 政府及相关部门按照职责做好防雷雨大风工作；2. 停止露天集体活动和高空、户外作业，加固围板、棚架、广告牌等易被风吹动的搭建物；3. 注意防范短时强降水引发的城市内涝。",
      parameters: [{ valueName: "预警级别", value: "黄色" }], resources: [],
      areas: [{ areaDesc: "常州市武进区", polygons: [WUJIN], circles: [], geocodes: [{ valueName: "GB/T 2260", value: "320412" }] }],
    }],
  };
  const received = await importCapDocument(db, { kind: "upload", actor: duty }, Buffer.from(toCapXml(alert), "utf8"));
  const { rows: towns } = await db.execute<{ id: string }>(sql`select id from org_units where name in ('湖塘镇', '牛塘镇') order by name`);
  const id = await createWarning(db, duty, {
    level: "yellow", incidentTypeId: null, relayOfId: received.warningId, exercise: false, public: true,
    headline: "武进区转发：雷雨大风黄色预警", description: alert.infos[0].description!,
    instruction: "各镇、村立即组织巡查，加固或拆除户外广告牌、临时搭建物，转移危旧房屋人员，落实24小时值班，及时报告险情。",
    area: { description: "湖塘镇、牛塘镇", polygons: [], circles: [], unitIds: towns.map((t) => t.id) },
    effectiveAt: sent.toISOString(), expiresAt: new Date(sent.getTime() + 24 * 3_600_000).toISOString(),
    // In-app only: every test app seeds this too, and its workers should not have hundreds of SMS to send at start.
    targets: { unitIds: towns.map((t) => t.id), inArea: false, roles: [], channels: ["inapp"] },
  });
  await submitWarning(db, duty, id, 1);
  const settings = warningSettings(loadConfig({ DEMO: "true" }));
  await approveWarning(db, settings, leader, id, { version: 2 }, new Date(now.getTime() - 20 * 60_000));
  await ackWarning(db, town, id, { note: "已收到，已转发各村" }, new Date(now.getTime() - 15 * 60_000));
  await addFeedback(db, town, id, {
    measures: "镇应急办已组织巡查，拆除临时广告牌6处，转移危旧房屋群众18人", responseLevel: "IV", peopleSent: 46, teamsSent: 3, watchers: "镇应急办 值班室（24小时）",
  }, new Date(now.getTime() - 5 * 60_000));
  await ackWarning(db, village, id, {}, new Date(now.getTime() - 12 * 60_000));
}
