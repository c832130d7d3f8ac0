/**
 * Word documents offices exchange: the special report (专报) of one incident, laid out like a
 * government bulletin (red masthead, number, issuing unit and date, body from the report chain,
 * figures table, instructions), and the daily summary (突发事件信息日报) of all incidents of a day.
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Incident, IncidentFigures } from "@yingji/contracts";
import type { Q } from "../../db/client.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { scopeCondition } from "../../platform/scope.ts";
import { getIncident } from "./incidents.service.ts";
import { incidents } from "./incidents.table.ts";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const LEVEL_NAMES = { I: "特别重大（I 级）", II: "重大（II 级）", III: "较大（III 级）", IV: "一般（IV 级）" } as const;
const KIND_NAMES = { initial: "初报", followup: "续报", final: "终报" } as const;
const FONT = "仿宋_GB2312";
const TITLE_FONT = "方正小标宋简体";

function parts(iso: string | Date) {
  const f = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "2-digit", hourCycle: "h23" });
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return p as Record<"year" | "month" | "day" | "hour" | "minute", string>;
}
export const cnDate = (iso: string | Date) => { const p = parts(iso); return `${p.year}年${p.month}月${p.day}日`; };
export const cnTime = (iso: string | Date) => { const p = parts(iso); return `${cnDate(iso)}${Number(p.hour)}时${p.minute}分`; };

const text = (t: string, opts: { bold?: boolean; size?: number; color?: string; font?: string } = {}) =>
  new TextRun({ text: t, bold: opts.bold, size: opts.size ?? 32, color: opts.color, font: opts.font ?? FONT });
const para = (t: string, opts: { bold?: boolean; indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({ alignment: opts.align, indent: opts.indent === false ? undefined : { firstLine: 640 }, spacing: { line: 560 }, children: [text(t, { bold: opts.bold })] });

function cell(t: string, bold = false) {
  return new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(t, { bold, size: 24 })] })] });
}

function table(header: string[], rows: string[][]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
  });
}

const FIGURE_HEADER = ["死亡", "失踪", "受伤", "其中重伤", "被困", "直接经济损失（元）"];
const figureRow = (f: IncidentFigures) => [f.dead, f.missing, f.injured, f.seriouslyInjured, f.trapped, f.directLoss].map(String);

/** The red masthead: title, number, then issuing unit and date above a red rule. */
function masthead(title: string, number: string, issuer: string, date: string): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [text(title, { bold: true, size: 88, color: "FF0000", font: TITLE_FONT })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [text(number)] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: "FF0000", space: 4 } },
      spacing: { after: 300 },
      children: [text(`${issuer}　　　　　　　　${date}`)],
    }),
  ];
}

async function pack(children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    creator: "Yingji 应急",
    styles: { default: { document: { run: { font: FONT, size: 32 } } } },
    sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}

/** The issue number: the incident's rank among the year's incidents (Asia/Shanghai), e.g. 〔2026〕第 12 期. */
async function issueNumber(q: Q, i: Incident): Promise<string> {
  const year = parts(i.createdAt).year;
  const [{ n }] = (await q.execute<{ n: number }>(sql`
    select count(*)::int as n from incidents
    where extract(year from created_at at time zone 'Asia/Shanghai') = ${Number(year)} and (created_at, id) <= (${new Date(i.createdAt)}, ${i.id})`)).rows;
  return `〔${year}〕第 ${Number(n)} 期`;
}

export async function specialReport(q: Q, actor: Actor, id: string, now = new Date()): Promise<{ filename: string; data: Buffer }> {
  const i = await getIncident(q, actor, id, now);
  const title = i.exercise ? "专报（演练）" : "专报";
  const children: (Paragraph | Table)[] = [
    ...masthead(title, await issueNumber(q, i), actor.unitName, cnDate(now)),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [text(i.title, { bold: true, size: 36, font: TITLE_FONT })] }),
    para(`${cnTime(i.occurredAt)}，${i.address}发生${i.typeName}事件，责任单位为${i.unitName}，于${cnTime(i.learnedAt)}获知。事件等级：${LEVEL_NAMES[i.level]}${i.sensitive ? "；属敏感、舆情事件" : ""}。`),
    para("一、伤亡及损失情况", { bold: true }),
    table(FIGURE_HEADER, [figureRow(i.figures)]),
    para("二、报告情况", { bold: true }),
  ];
  for (const r of i.reports) {
    const label = r.kind === "followup" ? `${KIND_NAMES.followup}（第 ${r.number} 次）` : KIND_NAMES[r.kind];
    children.push(para(`【${label}】${cnTime(r.submittedAt)}，${r.unitName}报告（报告人：${r.reporterName}${r.reporterPhone ? `，${r.reporterPhone}` : ""}）${r.late ? "（迟报）" : ""}：`, { bold: true }));
    children.push(para(r.body));
    if (r.cause) children.push(para(`原因：${r.cause}`));
    if (r.measures) children.push(para(`已采取措施：${r.measures}`));
    if (r.trend) children.push(para(`发展趋势：${r.trend}`));
    for (const f of r.forwards) children.push(para(`${cnTime(f.forwardedAt)}，${f.fromUnitName}审核后报${f.toUnitName}${f.note ? `：${f.note}` : "。"}`));
  }
  if (i.instructions.length) {
    children.push(para("三、领导批示", { bold: true }));
    for (const x of i.instructions) children.push(para(`${x.byName}（${cnTime(x.at)}）：${x.text}`));
  }
  return { filename: `专报-${i.title}.docx`, data: await pack(children) };
}

/** All real incidents that occurred on `date` (Asia/Shanghai) in the caller's scope; exercises are left out. */
export async function dailySummary(q: Q, actor: Actor, date: string, now = new Date()): Promise<{ filename: string; data: Buffer }> {
  const rows = await q.select({ id: incidents.id }).from(incidents).where(and(
    scopeCondition(incidents.unitPath, actor), eq(incidents.exercise, false),
    sql`${incidents.occurredAt} >= (${date}::date)::timestamp at time zone 'Asia/Shanghai'`,
    sql`${incidents.occurredAt} < ((${date}::date) + 1)::timestamp at time zone 'Asia/Shanghai'`,
  )).orderBy(asc(incidents.occurredAt));
  const list: Incident[] = [];
  for (const r of rows) list.push(await getIncident(q, actor, r.id, now));
  const day = cnDate(`${date}T12:00:00+08:00`);
  const children: (Paragraph | Table)[] = [
    ...masthead("突发事件信息日报", day, actor.unitName, cnDate(now)),
    para(`${day}，共接报突发事件 ${list.length} 起。`),
  ];
  if (list.length) {
    children.push(table(["序号", "事件", "类型", "等级", "责任单位", "发生时间", "死亡", "受伤", "状态"], list.map((i, n) => [
      String(n + 1), i.title, i.typeName, i.level, i.unitName, cnTime(i.occurredAt), String(i.figures.dead), String(i.figures.injured),
      i.status === "closed" ? "已终报" : i.status === "response_ended" ? "响应结束" : "处置中",
    ])));
    for (const [n, i] of list.entries()) {
      const latest = i.reports[i.reports.length - 1];
      children.push(para(`${n + 1}. ${i.title}`, { bold: true }));
      children.push(para(`${cnTime(i.occurredAt)}，${i.address}。${latest ? latest.body : ""}`));
    }
  }
  return { filename: `突发事件信息日报-${date}.docx`, data: await pack(children) };
}
