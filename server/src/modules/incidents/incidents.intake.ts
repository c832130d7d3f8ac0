/**
 * Recording incidents with their initial reports, written together when they arrive together.
 *
 * In a typhoon every village reports at once. Reports that arrive while a batch is being written
 * wait for the next one and are written as one transaction: their incidents, initial reports,
 * flags, events, audit entries (one append to the chain) and idempotency keys, each kind in one
 * statement. A report that arrives alone is a batch of one: there is one way of writing.
 * Nothing is answered before its batch has committed. If a batch fails, each of its reports is
 * written again alone, so one report's error stays its own.
 */
import { randomUUID } from "node:crypto";
import { and, eq, or } from "drizzle-orm";
import type { CreateIncidentInput, Incident, LocationSource } from "@yingji/contracts";
import type { Db } from "../../db/client.ts";
import { insertMany } from "../../db/insert-many.ts";
import { auditBy, recordAuditMany } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { badRequest, unprocessable } from "../../platform/errors.ts";
import { emitEvents } from "../../platform/events.ts";
import { assertInScope } from "../../platform/scope.ts";
import { placesOf, unitsByIds } from "../org/units.service.ts";
import { getIncidentType } from "./incident-types.service.ts";
import { figuresOf, presentIncident, readLevelThresholds, readRules, type Chain, type FlagRow } from "./incidents.chain.ts";
import { isUniqueViolation, replay } from "./incidents.idempotency.ts";
import { initialDeadline, isLate, suggestLevel } from "./incidents.rules.ts";
import { incidentFlags, incidentIdempotency, incidentReports, incidents } from "./incidents.table.ts";

const CREATE_ROUTE = "POST /api/incidents";
/** At most this many reports per transaction. */
const MAX_BATCH = 200;
/** Batches written at the same time by one process (the next one gathers what arrives meanwhile). */
const PARALLEL_BATCHES = 2;

export interface Recorded {
  replayed: boolean;
  body: Incident;
}

interface Location {
  lat: number;
  lon: number;
  address: string;
  locationSource: LocationSource;
  placeUnitId: string | null;
}

/**
 * The point of a new incident: the coordinates sent, or else the chosen place's (the responsible
 * unit by default), marked approximate; the address defaults to the place's name.
 */
function locate(item: Pending, units: Map<string, { path: string }>, places: Map<string, { name: string; lat: number; lon: number }>): Location {
  const { input, actor } = item;
  if (input.placeUnitId) {
    const chosen = units.get(input.placeUnitId);
    if (!chosen) throw badRequest("placeUnitId", "地点单位不存在");
    assertInScope(actor, chosen.path, "地点");
  }
  const placeId = input.placeUnitId ?? input.unitId;
  const place = places.get(placeId);
  if (input.lat !== undefined && input.lon !== undefined) {
    return {
      lat: input.lat, lon: input.lon, address: input.address || place?.name || "",
      locationSource: input.locationSource ?? "gps", placeUnitId: input.placeUnitId ?? null,
    };
  }
  if (!place) throw unprocessable("place_without_coordinates", "所选地点及其上级单位都没有登记坐标，请在地图上选点或输入经纬度", { field: "placeUnitId" });
  return { lat: place.lat, lon: place.lon, address: input.address || place.name, locationSource: "place", placeUnitId: placeId };
}

interface Pending {
  actor: Actor;
  input: CreateIncidentInput;
  key: string | null;
  now: Date;
  /** The answer of an incident recorded earlier under the same key (read back when only its id was kept). */
  readBack: (id: string) => Promise<Incident>;
  resolve: (r: Recorded) => void;
  reject: (e: unknown) => void;
}

class Intake {
  private queue: Pending[] = [];
  private writing = 0;
  private db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  submit(item: Omit<Pending, "resolve" | "reject">): Promise<Recorded> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...item, resolve, reject });
      this.next();
    });
  }

  private next() {
    while (this.writing < PARALLEL_BATCHES && this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.writing++;
      void this.write(batch).finally(() => {
        this.writing--;
        this.next();
      });
    }
  }

  /** Writes a batch; on failure, each report alone. Settles every item's promise. */
  private async write(batch: Pending[]): Promise<void> {
    try {
      await this.writeTogether(batch);
    } catch (err) {
      if (batch.length === 1) return this.settleAlone(batch[0], err);
      for (const item of batch) {
        await this.writeTogether([item]).catch((e) => this.settleAlone(item, e));
      }
    }
  }

  /** A report that failed alone: the same key sent twice at once answers the winner's result; anything else is its error. */
  private async settleAlone(item: Pending, err: unknown) {
    if (item.key && isUniqueViolation(err)) {
      const [winner] = await this.storedAnswers([item]).catch(() => []);
      if (winner) return item.resolve({ replayed: true, body: await replay(winner.response, item.readBack) });
    }
    item.reject(err);
  }

  private async storedAnswers(items: Pending[]) {
    const keyed = items.filter((i) => i.key);
    if (!keyed.length) return [];
    return this.db.select().from(incidentIdempotency)
      .where(or(...keyed.map((i) => and(eq(incidentIdempotency.userId, i.actor.id), eq(incidentIdempotency.key, i.key!)))));
  }

  private async writeTogether(batch: Pending[]): Promise<void> {
    const { db } = this;
    // Before the transaction (never through the pool inside it): units, configuration, keys already used.
    const units = await unitsByIds(db, batch.flatMap((i) => [i.input.unitId, i.actor.unitId, ...(i.input.placeUnitId ? [i.input.placeUnitId] : [])]), { withParents: true });
    // A report without coordinates (no GPS indoors, location refused) lies at its chosen place.
    const places = await placesOf(db, batch.map((i) => i.input.placeUnitId ?? i.input.unitId));
    const locations = new Map<Pending, Location>();
    const rules = await readRules(db);
    const thresholds = await readLevelThresholds(db);
    const types = new Map(await Promise.all(batch.map(async (i) => [i.input.typeId, await getIncidentType(db, i.input.typeId)] as const)));
    const stored = new Map((await this.storedAnswers(batch)).map((s) => [`${s.userId} ${s.key}`, s]));
    const todo: Pending[] = [];
    const again: Pending[] = [];
    const keys = new Set<string>();
    for (const item of batch) {
      try {
        const unit = units.get(item.input.unitId);
        if (!unit) throw badRequest("unitId", "单位不存在");
        assertInScope(item.actor, unit.path, "单位");
        locations.set(item, locate(item, units, places));
        const k = item.key ? `${item.actor.id} ${item.key}` : null;
        const first = k ? stored.get(k) : undefined;
        if (first) {
          if (first.route !== CREATE_ROUTE) throw unprocessable("idempotency_key_reused", "Idempotency-Key 已用于另一个请求");
          replay(first.response, item.readBack).then((body) => item.resolve({ replayed: true, body }), item.reject);
        } else if (k && keys.has(k)) {
          again.push(item); // the same key twice in one batch: answered from the first once it is written
        } else {
          if (k) keys.add(k);
          todo.push(item);
        }
      } catch (e) {
        item.reject(e);
      }
    }
    if (todo.length) {
      const answers = await db.transaction(async (tx) => {
        const written = todo.map((item) => {
          const { input, actor, now } = item;
          const unit = units.get(input.unitId)!;
          const own = units.get(actor.unitId)!;
          const figures = figuresOf(input.figures);
          const times = { occurredAt: new Date(input.occurredAt), learnedAt: new Date(input.learnedAt), phoneReportedAt: input.phoneReportedAt ? new Date(input.phoneReportedAt) : null };
          const dueAt = initialDeadline(rules, { level: input.level, sensitive: input.sensitive, learnedAt: times.learnedAt });
          const incident = {
            id: randomUUID(), title: input.title, typeId: input.typeId, ...locations.get(item)!, ...times, ...figures,
            level: input.level, initialLevel: input.level, sensitive: input.sensitive, exercise: input.exercise,
            unitId: unit.id, unitPath: unit.path, recordedByUnitId: actor.unitId, createdBy: actor.id, updatedBy: actor.id, initialReportedAt: now,
          };
          const report = {
            id: randomUUID(), incidentId: incident.id, kind: "initial", number: 0, ...figures, level: input.level, suggestedLevel: suggestLevel(figures, thresholds),
            body: input.body, cause: input.cause ?? null, measures: input.measures ?? null, trend: input.trend ?? null,
            reporterName: input.reporterName, reporterPhone: input.reporterPhone ?? null,
            unitId: own.id, unitPath: own.path, toUnitId: own.parentId, submittedAt: now, submittedBy: actor.id,
            dueAt, late: isLate(now, dueAt), exercise: input.exercise,
          };
          const flags: (typeof incidentFlags.$inferInsert)[] = [];
          if (report.late) flags.push({ incidentId: incident.id, kind: "late", reportId: report.id, unitId: own.id, detail: `初报迟报：应于 ${dueAt.toISOString()} 前报告` });
          // Recorded by a unit above the responsible one: the unit did not report it itself (漏报/瞒报 review).
          if (own.path !== unit.path && unit.path.startsWith(`${own.path}.`)) {
            flags.push({ incidentId: incident.id, kind: "not_reported_by_unit", unitId: unit.id, detail: `由上级单位「${actor.unitName}」先行获知并录入，责任单位未报告` });
          }
          return { item, incident, report, flags };
        });
        const rows = new Map((await insertMany(tx, incidents, written.map((w) => w.incident))).map((r) => [r.id, r]));
        const reports = new Map((await insertMany(tx, incidentReports, written.map((w) => w.report))).map((r) => [r.incidentId, r]));
        const flags = await insertMany(tx, incidentFlags, written.flatMap((w) => w.flags));
        const flagsOf = (id: string): FlagRow[] => flags.filter((f) => f.incidentId === id);
        await emitEvents(tx, written.flatMap(({ incident: { id } }) => {
          const row = rows.get(id)!;
          const report = reports.get(id)!;
          return [
            { type: "incident.created", unitPath: row.unitPath, data: { incidentId: id, reportId: report.id, title: row.title, level: row.level, unitId: row.unitId, typeId: row.typeId, exercise: row.exercise } },
            ...flagsOf(id).map((f) => ({ type: "flag.raised", unitPath: row.unitPath, data: { incidentId: id, flagId: f.id, kind: f.kind, reportId: f.reportId, detail: f.detail } })),
          ];
        }));
        // The answers from the rows just written: a new incident's chain is its initial report and flags.
        const answers = written.map(({ item, incident: { id } }) => {
          const chain: Chain = { reports: [reports.get(id)!], forwards: [], attachments: [], instructions: [], flags: flagsOf(id) };
          const type = types.get(item.input.typeId);
          return presentIncident(rows.get(id)!, chain, { units, users: new Map([[item.actor.id, item.actor.displayName]]), files: new Map(), rules, thresholds, type }, item.now);
        });
        const keyed = written.map((w, n) => ({ w, body: answers[n] })).filter(({ w }) => w.item.key);
        if (keyed.length) {
          await insertMany(tx, incidentIdempotency, keyed.map(({ w, body }) => ({ userId: w.item.actor.id, key: w.item.key!, route: CREATE_ROUTE, status: 201, response: body })));
        }
        // Last: the audit append holds the chain's lock until commit.
        await recordAuditMany(tx, written.map(({ item, incident: { id } }) => ({
          ...auditBy(item.actor), action: "incidents.create", entity: "incident", entityId: id, after: { incident: rows.get(id), report: reports.get(id) },
        })));
        return answers;
      });
      todo.forEach((item, n) => item.resolve({ replayed: false, body: answers[n] }));
    }
    // Repeats of a key written just now: their answer is stored.
    for (const item of again) this.queue.push(item);
    if (again.length) this.next();
  }
}

const intakes = new WeakMap<object, Intake>();

/** Records an incident with its initial report through the process's intake for this database. */
export function recordIncident(db: Db, item: Omit<Pending, "resolve" | "reject">): Promise<Recorded> {
  let intake = intakes.get(db);
  if (!intake) intakes.set(db, (intake = new Intake(db)));
  return intake.submit(item);
}
