/**
 * The one shape of a module (architecture.md "One shape for every module"): what the app needs
 * to know of it — its routes, its workers, and what it says each user owes (to-do). `app.ts`
 * holds a single list of these; adding a module is one line there.
 */
import type { FastifyInstance } from "fastify";
import type { TodoItem, TodoKind } from "@yingji/contracts";
import type { Config } from "../config.ts";
import type { Database, Db } from "../db/client.ts";
import type { Actor } from "./auth/actor.ts";

export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
}

/** Something started with the app and stopped before it closes (a deadline scan, a sender). */
export interface Worker {
  stop(): Promise<void>;
}

/**
 * A to-do item as a module computes it: the contract's item, with `overdue` left to the engine
 * (it is `deadline < now`, the same for everyone) and an optional end by reading.
 */
export type OwedItem = Omit<TodoItem, "overdue" | "deadline"> & {
  deadline: Date | null;
  /** The item is done once the user has read it (an instruction to read): it leaves when its notification is marked read. */
  doneWhenRead?: boolean;
};

/**
 * What a module says the caller owes at `now`, from its own rules and data. It must bound its
 * own work (the caller's unit and roles, a limit on rows): the engine adds a time budget.
 */
export interface TodoProvider {
  /** Names the provider in `incomplete` when it fails or runs out of time. */
  name: string;
  /** The kinds it can answer, for the notification settings. */
  kinds: readonly TodoKind[];
  owed(ctx: AppContext, actor: Actor, now: Date): Promise<OwedItem[]>;
}

/** A new to-do entry as it goes out to a user away from the console. */
export interface TodoAlert {
  id: string;
  kind: TodoKind;
  title: string;
  detail: string | null;
  link: string;
  deadline: Date | null;
}

/**
 * A way to tell users of their new to-do items away from the console (Web Push to the field
 * app). The platform decides what is new, once per entry; the channel only delivers.
 */
export interface TodoAlertChannel {
  name: string;
  /** The users this channel can reach now (those with a subscription); bounded by the channel. */
  audience(ctx: AppContext): Promise<string[]>;
  send(ctx: AppContext, userId: string, alerts: TodoAlert[]): Promise<void>;
}

export interface YingjiModule {
  name: string;
  /** Registers the module's routes. */
  routes(app: FastifyInstance, ctx: AppContext): Promise<void>;
  /** Started once the app is ready, stopped before it closes. */
  workers?: ((ctx: AppContext, log: (err: unknown, msg: string) => void) => Worker)[];
  todo?: TodoProvider[];
  /** Channels that deliver new to-do items to users away from the console. */
  todoAlerts?: TodoAlertChannel[];
}

/** Registers every module's routes, then its workers on the app's lifecycle hooks. */
export async function registerModules(app: FastifyInstance, ctx: AppContext, modules: readonly YingjiModule[]): Promise<void> {
  for (const m of modules) await m.routes(app, ctx);
  const starts = modules.flatMap((m) => m.workers ?? []);
  if (starts.length === 0) return;
  let running: Worker[] = [];
  app.addHook("onReady", async () => {
    running = starts.map((start) => start(ctx, (err, msg) => app.log.error({ err }, msg)));
  });
  app.addHook("preClose", async () => {
    await Promise.all(running.map((w) => w.stop()));
  });
}

/** The version the API and /api/health report. */
export const VERSION = "0.1.0";
