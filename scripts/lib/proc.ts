/**
 * Small process helpers shared by scripts/test.ts, scripts/pg-cluster.ts and the benches:
 * free ports, running child processes, and cleanup that also runs on Ctrl-C / SIGTERM.
 *
 * Runs directly under Node 24 (type stripping): erasable TypeScript only.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createServer } from "node:net";

// ---------------------------------------------------------------------------
// Cleanup on exit and on signals
// ---------------------------------------------------------------------------

type Cleanup = () => Promise<void> | void;

const cleanups = new Set<Cleanup>();
let handlersInstalled = false;
let interruptedBy: NodeJS.Signals | null = null;

/** The signal that interrupted this process, or null. Long-running flows check it between steps. */
export function interrupted(): NodeJS.Signals | null {
  return interruptedBy;
}

/**
 * Registers an async cleanup that runs when the process is interrupted (SIGINT, SIGTERM, SIGHUP).
 * Installs the signal handlers on first use; after the cleanups the process exits 130 / 143 / 129.
 * Returns a function that unregisters it (call it once the resource is released normally).
 */
export function onCleanup(fn: Cleanup): () => void {
  installSignalHandlers();
  cleanups.add(fn);
  return () => {
    cleanups.delete(fn);
  };
}

/** Runs and forgets every registered cleanup (newest first). */
export async function runCleanups(): Promise<void> {
  const list = [...cleanups].reverse();
  cleanups.clear();
  for (const fn of list) {
    try {
      await fn();
    } catch (e) {
      console.error(`cleanup failed: ${(e as Error).message}`);
    }
  }
}

const signalExitCodes: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

export function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const sig of Object.keys(signalExitCodes) as NodeJS.Signals[]) {
    process.on(sig, () => {
      if (interruptedBy) return; // cleanup already under way
      interruptedBy = sig;
      console.error(`\n${sig} received — cleaning up…`);
      const hardStop = setTimeout(() => {
        console.error("cleanup took longer than 30 s; exiting anyway");
        process.exit(signalExitCodes[sig] ?? 1);
      }, 30_000);
      hardStop.unref();
      void runCleanups().finally(() => process.exit(signalExitCodes[sig] ?? 1));
    });
  }
}

// ---------------------------------------------------------------------------
// Ports
// ---------------------------------------------------------------------------

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error("could not get a free port"))));
    });
  });
}

// ---------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Combined stdout + stderr when captured (capture: true). */
  output: string;
}

export interface RunOptions extends SpawnOptions {
  /** Capture stdout and stderr instead of inheriting them. */
  capture?: boolean;
}

/** Runs a command to its end. Never rejects on a non-zero exit; rejects only when it cannot be spawned. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const { capture, ...spawnOpts } = opts;
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(cmd, args, { stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit", ...spawnOpts });
    } catch (e) {
      reject(e);
      return;
    }
    const unregister = onCleanup(() => killAndWait(child));
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", (e) => {
      unregister();
      reject(e);
    });
    child.on("close", (code, signal) => {
      unregister();
      resolve({ code, signal, output });
    });
  });
}

/** Sends SIGTERM, then SIGKILL after graceMs, and resolves when the process has exited. */
export function killAndWait(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Keeps the last `max` lines written to it (for error messages about a child that died). */
export class Tail {
  private lines: string[] = [];
  private partial = "";
  private max: number;
  constructor(max = 40) {
    this.max = max;
  }
  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? "";
    this.lines.push(...parts);
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
  }
  toString(): string {
    return [...this.lines, this.partial].filter((l) => l !== "").join("\n");
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m} min ${s} s`;
}
