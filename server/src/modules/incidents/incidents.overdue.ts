/**
 * The deadline worker: every DEADLINE_SCAN_SECONDS it finds the deadlines that passed with
 * their report (or forwarding step) missing, raises an `overdue` flag for each — once: the
 * flag's `deadline_key` is unique per incident, so several app processes scanning at the same
 * time raise it once — and announces it on the duty board (`flag.raised`). Reading an incident
 * shows overdue at once; the stored flag is what the unit's record and the statistics count.
 */
import { gt, inArray, ne, sql } from "drizzle-orm";
import type { Database, Db } from "../../db/client.ts";
import { emitEvent } from "../../platform/events.ts";
import { unitsByIds } from "../org/units.service.ts";
import { deadlinesOf, holderOf, loadOutlines, readRules, unitIdsOf } from "./incidents.chain.ts";
import { deadlineKey, type DeadlineState } from "./incidents.rules.ts";
import { keepRecentMonths } from "./incidents.stats.ts";
import { incidentFlags, incidentReports, incidents } from "./incidents.table.ts";

/** Forwarding steps are 2 h each: a report submitted longer ago than this has long been flagged if stuck. */
const RECENT_REPORT_DAYS = 7;
const BATCH = 200;

const LABEL: Record<DeadlineState["kind"], string> = { initial_phone: "电话初报", initial: "书面初报", forward: "审核转报", followup: "续报", final: "终报" };

/**
 * One scan at `now`; answers how many flags it raised. Candidates: incidents whose chain still
 * runs (not closed), and those with a report submitted recently (a closed incident's final
 * report may still wait to be forwarded).
 */
export async function raiseOverdueFlags(db: Db, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - RECENT_REPORT_DAYS * 86_400_000);
  const open = await db.select({ id: incidents.id }).from(incidents).where(ne(incidents.status, "closed"));
  const recent = await db.selectDistinct({ id: incidentReports.incidentId }).from(incidentReports).where(gt(incidentReports.submittedAt, since));
  const ids = [...new Set([...open, ...recent].map((r) => r.id))];
  const rules = await readRules(db);
  let raised = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = await db.select().from(incidents).where(inArray(incidents.id, ids.slice(i, i + BATCH)));
    const chains = await loadOutlines(db, rows.map((r) => r.id));
    const units = await unitsByIds(db, rows.flatMap((r) => unitIdsOf(r, chains.get(r.id)!)));
    for (const incident of rows) {
      const chain = chains.get(incident.id)!;
      const flagged = new Set(chain.flags.filter((f) => f.kind === "overdue" && f.deadlineKey).map((f) => f.deadlineKey));
      const overdue = deadlinesOf(incident, chain, rules, units, now).filter((d) => d.status === "overdue" && !flagged.has(deadlineKey(d)));
      for (const d of overdue) {
        // The unit held to account: the one holding a report it must pass up, else the responsible unit.
        const report = d.reportId ? chain.reports.find((r) => r.id === d.reportId) : undefined;
        const unitId = (report && holderOf(report, chain.forwards)) ?? incident.unitId;
        const detail = `${LABEL[d.kind]}${d.number ? ` #${d.number}` : ""}逾期：应于 ${d.dueAt.toISOString()} 前完成`;
        await db.transaction(async (tx) => {
          const [flag] = await tx.insert(incidentFlags)
            .values({ incidentId: incident.id, kind: "overdue", reportId: d.reportId, unitId, detail, raisedAt: now, deadlineKey: deadlineKey(d) })
            .onConflictDoNothing({ target: [incidentFlags.incidentId, incidentFlags.kind, incidentFlags.deadlineKey], where: sql`deadline_key is not null` })
            .returning();
          if (!flag) return;
          raised++;
          await emitEvent(tx, { type: "flag.raised", unitPath: incident.unitPath, data: { incidentId: incident.id, flagId: flag.id, kind: "overdue", reportId: d.reportId, detail } });
        });
      }
    }
  }
  return raised;
}

const FIRST_SCAN_SECONDS = 5;

/** Runs the scan (and keeps ended months' statistics) every `seconds` (0: never) until stopped; a failed scan is logged and retried next time. */
export function startOverdueWorker(database: Database, seconds: number, log: (e: unknown) => void): { stop(): Promise<void> } {
  if (seconds <= 0) return { async stop() {} };
  let running: Promise<unknown> | null = null;
  const scan = () => {
    // A scan still running when the next is due: skip this turn rather than queue behind it.
    // Then the ended months' on-time counts, kept once (a no-op when they are).
    running ??= raiseOverdueFlags(database.db).then(() => keepRecentMonths(database.db)).catch(log).finally(() => { running = null; });
  };
  // The first scan soon after start (what was missed while the process was down), then every `seconds`.
  const first = setTimeout(scan, Math.min(seconds, FIRST_SCAN_SECONDS) * 1000);
  const timer = setInterval(scan, seconds * 1000);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
