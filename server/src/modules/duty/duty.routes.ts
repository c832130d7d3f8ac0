import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  CreateDutyLogInput, CreateKeyPeriodInput, CreateShiftInput, CreateSpotCheckInput, CreateSwapInput, DecideSwapInput, DrawInput, DrawResult, DutyLog,
  DutyLogQuery, GenerateShiftsInput, IdParams, KeyPeriod, KeyPeriodQuery, OnDutyNow, pageOf, Shift, ShiftExportQuery, ShiftQuery, SpotCheck,
  SpotCheckQuery, SpotCheckStats, SpotCheckStatsQuery, Swap, SwapQuery, UpdateKeyPeriodInput, UpdateShiftInput,
} from "@yingji/contracts";
import type { AppContext } from "../../platform/module.ts";
import { actorOf } from "../../platform/http.ts";
import { sendXlsx } from "../../platform/excel.ts";
import { createDutyLog, listDutyLogs } from "./duty-logs.service.ts";
import { createKeyPeriod, createShift, exportMonth, generateShifts, getShift, listKeyPeriods, listShifts, onDutyNow, updateKeyPeriod, updateShift } from "./shifts.service.ts";
import { SPOT_CHECK_RULE } from "./duty.rules.ts";
import { createSpotCheck, drawSpotChecks, exportFailures, listSpotChecks, spotCheckStats } from "./spot-checks.service.ts";
import { decideSwap, listSwaps, requestSwap } from "./swaps.service.ts";

export async function dutyRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = ctx;
  const tags = ["duty"];
  const read = { permission: "duty.read" } as const;
  const manage = { permission: "duty.manage" } as const;
  const log = { permission: "duty.log" } as const;
  const spot = { permission: "duty.spotcheck" } as const;

  r.get("/api/duty/key-periods", {
    schema: { tags, summary: "Key periods (重点时段) that bind the caller's units", querystring: KeyPeriodQuery, response: { 200: z.array(KeyPeriod) } },
    config: read,
  }, async (req) => listKeyPeriods(db, actorOf(req), req.query));

  r.post("/api/duty/key-periods", {
    schema: { tags, summary: "Declare a key period with its staffing rule", body: CreateKeyPeriodInput, response: { 201: KeyPeriod } },
    config: manage,
  }, async (req, reply) => reply.status(201).send(await createKeyPeriod(db, actorOf(req), req.body)));

  r.patch("/api/duty/key-periods/:id", {
    schema: { tags, summary: "Correct a key period (rosters already made are not changed)", params: IdParams, body: UpdateKeyPeriodInput, response: { 200: KeyPeriod } },
    config: manage,
  }, async (req) => updateKeyPeriod(db, actorOf(req), req.params.id, req.body));

  r.get("/api/duty/shifts", {
    schema: { tags, summary: "Shifts for a calendar (排班表)", querystring: ShiftQuery, response: { 200: z.array(Shift) } },
    config: read,
  }, async (req) => listShifts(db, actorOf(req), req.query));

  r.get("/api/duty/shifts/export.xlsx", { schema: { tags, summary: "A unit's roster of one month in Excel, for printing", querystring: ShiftExportQuery }, config: read },
    async (req, reply) => {
      const { name, data } = await exportMonth(db, actorOf(req), req.query.unitId, req.query.month);
      return sendXlsx(reply, name, data);
    });

  r.post("/api/duty/shifts", {
    schema: { tags, summary: "Add one 24-hour shift", body: CreateShiftInput, response: { 201: Shift } },
    config: manage,
  }, async (req, reply) => reply.status(201).send(await createShift(db, actorOf(req), req.body)));

  r.post("/api/duty/shifts/generate", {
    schema: { tags, summary: "Generate a month of shifts round-robin (never overwrites)", body: GenerateShiftsInput, response: { 201: z.array(Shift) } },
    config: manage,
  }, async (req, reply) => reply.status(201).send(await generateShifts(db, actorOf(req), req.body)));

  r.get("/api/duty/shifts/:id", { schema: { tags, summary: "One shift", params: IdParams, response: { 200: Shift } }, config: read },
    async (req) => getShift(db, actorOf(req), req.params.id));

  r.patch("/api/duty/shifts/:id", {
    schema: { tags, summary: "Change a shift's officers or leader", params: IdParams, body: UpdateShiftInput, response: { 200: Shift } },
    config: manage,
  }, async (req) => updateShift(db, actorOf(req), req.params.id, req.body));

  r.post("/api/duty/shifts/:id/swaps", {
    schema: { tags, summary: "Request a swap (换班申请)", params: IdParams, body: CreateSwapInput, response: { 201: Swap } },
    config: log,
  }, async (req, reply) => reply.status(201).send(await requestSwap(db, actorOf(req), req.params.id, req.body)));

  r.get("/api/duty/swaps", { schema: { tags, summary: "Swap requests", querystring: SwapQuery, response: { 200: z.array(Swap) } }, config: read },
    async (req) => listSwaps(db, actorOf(req), req.query));

  r.post("/api/duty/swaps/:id/approve", {
    schema: { tags, summary: "Approve a swap: the shift changes hands", params: IdParams, body: DecideSwapInput, response: { 200: Swap } },
    config: manage,
  }, async (req) => decideSwap(db, actorOf(req), req.params.id, "approved", req.body));

  r.post("/api/duty/swaps/:id/reject", {
    schema: { tags, summary: "Reject a swap", params: IdParams, body: DecideSwapInput, response: { 200: Swap } },
    config: manage,
  }, async (req) => decideSwap(db, actorOf(req), req.params.id, "rejected", req.body));

  r.get("/api/duty/on-duty-now", {
    schema: { tags, summary: "Who is on duty now in every unit in scope (phones masked; reveal through /api/org/people/:id/unmask)", response: { 200: z.array(OnDutyNow) } },
    config: read,
  }, async (req) => onDutyNow(db, actorOf(req)));

  r.get("/api/duty/logs", {
    schema: { tags, summary: "Duty log entries (值班日志)", querystring: DutyLogQuery, response: { 200: pageOf(DutyLog) } },
    config: read,
  }, async (req) => listDutyLogs(db, actorOf(req), req.query));

  r.post("/api/duty/logs", {
    schema: { tags, summary: "Append a log entry, sign in or sign out (append-only)", body: CreateDutyLogInput, response: { 201: DutyLog } },
    config: log,
  }, async (req, reply) => reply.status(201).send(await createDutyLog(db, actorOf(req), req.body)));

  r.post("/api/duty/spot-checks/draw", {
    schema: { tags, summary: "Draw units to check at random (weighted toward key periods)", body: DrawInput, response: { 201: DrawResult } },
    config: spot,
  }, async (req, reply) => reply.status(201).send(await drawSpotChecks(db, actorOf(req), req.body.count)));

  r.get("/api/duty/spot-checks", {
    schema: { tags, summary: "Spot checks (抽查记录)", querystring: SpotCheckQuery, response: { 200: pageOf(SpotCheck) } },
    config: read,
  }, async (req) => listSpotChecks(db, actorOf(req), req.query));

  r.post("/api/duty/spot-checks", {
    schema: { tags, summary: "Record a spot check; pass or fail is computed", body: CreateSpotCheckInput, response: { 201: SpotCheck } },
    config: spot,
  }, async (req, reply) => reply.status(201).send(await createSpotCheck(db, actorOf(req), req.body, { ...SPOT_CHECK_RULE, maxAnswerSeconds: config.SPOT_CHECK_MAX_ANSWER_SECONDS })));

  r.get("/api/duty/spot-checks/stats", {
    schema: { tags, summary: "Pass rate per unit and the failures (real checks only)", querystring: SpotCheckStatsQuery, response: { 200: SpotCheckStats } },
    config: read,
  }, async (req) => spotCheckStats(db, actorOf(req), req.query));

  r.get("/api/duty/spot-checks/failures.xlsx", {
    schema: { tags, summary: "The failures as a notice (抽查情况通报) in Excel", querystring: SpotCheckStatsQuery },
    config: spot,
  }, async (req, reply) => sendXlsx(reply, "值班抽查情况通报.xlsx", await exportFailures(db, actorOf(req), req.query)));
}
