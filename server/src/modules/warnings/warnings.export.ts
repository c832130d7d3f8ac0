/**
 * Warnings going out as documents: CAP 1.2 of one warning (received: the original bytes;
 * ours: built from the current version), and the public Atom feed and HTML page of active
 * public warnings (no login; everything escaped).
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { WarningArea, WarningLevel } from "@yingji/contracts";
import { WARNING_LEVEL_LABELS } from "@yingji/contracts";
import type { Q } from "../../db/client.ts";
import { notFound, unprocessable } from "../../platform/errors.ts";
import { toCapXml } from "./cap/cap.ts";
import { capFromWarning } from "./warnings.cap-map.ts";
import type { WarningRow } from "./warnings.release.ts";
import { shanghaiIso } from "./warnings.rules.ts";
import type { WarningSettings } from "./warnings.settings.ts";
import { warningReceivedAlerts, warnings, warningVersions } from "./warnings.table.ts";

export const CAP_CONTENT_TYPE = "application/cap+xml; charset=utf-8";

const CATEGORY_OF: Record<string, string> = { natural: "Met", accident: "Safety", health: "Health", social: "Security" };

/** The CAP document of a warning: the latest received bytes, or ours built from its versions. */
export async function capDocument(q: Q, s: WarningSettings, w: WarningRow): Promise<Buffer> {
  if (w.origin === "received") {
    const [latest] = await q.select({ xml: warningReceivedAlerts.xml }).from(warningReceivedAlerts)
      .where(eq(warningReceivedAlerts.warningId, w.id)).orderBy(desc(warningReceivedAlerts.receivedAt)).limit(1);
    if (!latest) throw notFound("CAP 原文");
    return latest.xml;
  }
  if (w.revision === 0 || !w.identifier) throw unprocessable("not_released", "预警尚未签发，没有 CAP 文档");
  const versions = await q.select().from(warningVersions).where(eq(warningVersions.warningId, w.id)).orderBy(warningVersions.revision);
  // Messages are Alert, Update, Cancel; an expiry sends nothing, so the document is the last message actually sent.
  const sentVersions = versions.filter((v) => v.kind !== "expire");
  const current = sentVersions[sentVersions.length - 1];
  const earlier = sentVersions.slice(0, -1);
  const area = w.area as WarningArea;
  const { rows: codes } = area.unitIds.length
    ? await q.execute<{ code: string }>(sql`select code from org_units where id = any(${`{${area.unitIds.join(",")}}`}::uuid[]) and code is not null`)
    : { rows: [] };
  const { rows: type } = w.incidentTypeId
    ? await q.execute<{ code: string; name: string; category: string }>(sql`select code, name, category from incident_types where id = ${w.incidentTypeId}`)
    : { rows: [] };
  const { rows: issuer } = await q.execute<{ name: string }>(sql`select name from org_units where id = ${w.unitId}`);
  const alert = capFromWarning({
    identifier: current.identifier ?? w.identifier, sender: w.sender ?? s.cap.sender, sent: current.at,
    msgType: current.kind === "cancel" ? "Cancel" : earlier.length ? "Update" : "Alert",
    references: earlier.filter((v) => v.identifier).map((v) => ({ sender: w.sender ?? s.cap.sender, identifier: v.identifier!, sent: v.at })),
    note: current.note, level: current.level as WarningLevel, headline: current.headline, description: current.description, instruction: current.instruction,
    event: type[0]?.name ?? current.headline, category: CATEGORY_OF[type[0]?.category ?? ""] ?? "Other", senderName: issuer[0]?.name ?? s.signature,
    area: { description: area.description, polygons: area.polygons, circles: area.circles, unitCodes: codes.map((c) => c.code) },
    effectiveAt: current.effectiveAt, expiresAt: current.expiresAt, public: w.public, exercise: w.exercise, incidentTypeCode: type[0]?.code ?? null,
    web: w.public ? `${s.publicUrl}/public/warnings#${w.id}` : null,
  });
  return Buffer.from(toCapXml(alert), "utf8");
}

/** Public warnings in force now, most severe and newest first. */
export async function activePublicWarnings(q: Q, now = new Date()): Promise<WarningRow[]> {
  const rows = await q.select().from(warnings)
    .where(and(eq(warnings.public, true), eq(warnings.exercise, false), inArray(warnings.status, ["released", "updated"]), sql`${warnings.expiresAt} > ${now}`, sql`${warnings.effectiveAt} <= ${now}::timestamptz + interval '7 days'`))
    .orderBy(sql`array_position(array['red','orange','yellow','blue'], ${warnings.level})`, desc(warnings.releasedAt)).limit(200);
  return rows;
}

/** A released public warning (also after it ended: its CAP stays available), or 404. */
export async function publicWarning(q: Q, id: string): Promise<WarningRow> {
  const [w] = await q.select().from(warnings).where(eq(warnings.id, id));
  if (!w || !w.public || w.revision === 0 || w.exercise) throw notFound("预警");
  return w;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Atom 1.0 (RFC 4287): one entry per active public warning, linking to its CAP document. */
export function atomFeed(s: WarningSettings, rows: WarningRow[], now = new Date()): string {
  const base = s.publicUrl;
  const updated = rows.reduce((m, w) => (w.updatedAt > m ? w.updatedAt : m), new Date(0));
  const entries = rows.map((w) => {
    const level = WARNING_LEVEL_LABELS[w.level as WarningLevel].zh;
    return [
      "  <entry>",
      `    <id>urn:uuid:${w.id}</id>`,
      `    <title>${esc(`${level}：${w.headline}`)}</title>`,
      `    <updated>${(w.updatedAt ?? now).toISOString()}</updated>`,
      `    <published>${(w.releasedAt ?? w.createdAt).toISOString()}</published>`,
      `    <author><name>${esc(w.sender ?? s.signature)}</name></author>`,
      `    <link rel="alternate" type="application/cap+xml" href="${esc(`${base}/public/warnings/${w.id}/cap`)}"/>`,
      `    <link rel="related" type="text/html" href="${esc(`${base}/public/warnings#w-${w.id}`)}"/>`,
      `    <category term="${esc(w.level)}" label="${esc(level)}"/>`,
      `    <summary type="text">${esc(w.description.slice(0, 500))}</summary>`,
      "  </entry>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${esc(`${base}/public/warnings.atom`)}</id>`,
    `  <title>${esc(`${s.signature}预警信息`)}</title>`,
    `  <subtitle>生效中的公开预警（CAP 1.2）</subtitle>`,
    `  <updated>${(rows.length ? updated : now).toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${esc(`${base}/public/warnings.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${esc(`${base}/public/warnings`)}"/>`,
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}

const LEVEL_COLOURS: Record<WarningLevel, [string, string]> = { red: ["#cf1322", "#fff1f0"], orange: ["#d46b08", "#fff7e6"], yellow: ["#ad8b00", "#feffe6"], blue: ["#0958d9", "#e6f4ff"] };

const shanghai = (d: Date) => shanghaiIso(d).slice(0, 16).replace("T", " ");

/** The public page of active warnings: Chinese, mobile first, no script, everything escaped. */
export function publicPage(s: WarningSettings, rows: WarningRow[], now = new Date()): string {
  const cards = rows.map((w) => {
    const level = w.level as WarningLevel;
    const [fg, bg] = LEVEL_COLOURS[level];
    const area = (w.area as WarningArea).description;
    return `<article id="w-${esc(w.id)}" class="card" style="border-color:${fg};background:${bg}" data-level="${esc(level)}">
  <div class="badge" style="background:${fg}">${esc(WARNING_LEVEL_LABELS[level].zh)}</div>
  <h2>${esc(w.headline)}</h2>
  <p class="meta">发布时间：${esc(shanghai(w.releasedAt ?? w.createdAt))}${w.status === "updated" ? "　<b>已更新</b>" : ""}</p>
  <p class="meta">有效期至：${esc(shanghai(w.expiresAt))}</p>
  ${area ? `<p class="meta">范围：${esc(area)}</p>` : ""}
  <p>${esc(w.description)}</p>
  ${w.instruction ? `<h3>防御指南</h3><p>${esc(w.instruction)}</p>` : ""}
  <p class="links"><a href="/public/warnings/${esc(w.id)}/cap">CAP 原文</a></p>
</article>`;
  }).join("\n");
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(s.signature)}预警信息</title>
<link rel="alternate" type="application/atom+xml" title="预警信息 Atom" href="/public/warnings.atom">
<style>
  body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f5f5f5;color:#1f1f1f;line-height:1.6}
  header{background:#1f3b73;color:#fff;padding:16px}
  header h1,header p{max-width:760px;margin-left:auto;margin-right:auto}
  header h1{margin-top:0;margin-bottom:0;font-size:20px}
  header p{margin-top:4px;margin-bottom:0;font-size:13px;opacity:.85}
  main{max-width:760px;margin:0 auto;padding:12px}
  .card{border-left:6px solid;border-radius:8px;padding:12px 14px;margin:12px 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
  .badge{display:inline-block;color:#fff;border-radius:4px;padding:2px 8px;font-size:13px;font-weight:600}
  h2{font-size:18px;margin:8px 0 4px}
  h3{font-size:15px;margin:10px 0 2px}
  p{margin:4px 0;word-break:break-word}
  .meta{font-size:13px;color:#595959}
  .links{font-size:13px}
  .empty{text-align:center;color:#595959;padding:48px 0}
  footer{text-align:center;font-size:12px;color:#8c8c8c;padding:16px}
</style>
</head>
<body>
<header><h1>${esc(s.signature)}预警信息发布</h1><p>生效中的预警 ${rows.length} 条 · 更新于 ${esc(shanghai(now))}（北京时间）</p></header>
<main>
${rows.length ? cards : '<p class="empty">当前没有生效中的预警。</p>'}
</main>
<footer>订阅：<a href="/public/warnings.atom">Atom</a> · 数据格式 CAP 1.2</footer>
</body>
</html>
`;
}
