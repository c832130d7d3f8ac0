/**
 * Keeps the answers a liaison officer needs at the scene (the signed-in user, contacts, duty
 * phones, the own unit, warnings in force, incident types, the last nearby resources, the own
 * reports) in IndexedDB as the server gives them, and puts them back into the query cache when
 * the app starts, before the first render: a cold start with no signal shows them, each with
 * the time it was last refreshed (the query's dataUpdatedAt).
 *
 * Rules: only the query keys below are kept (nothing that the user did not already see, except
 * the contact list that useKeptContacts loads for offline search); an answer is written when
 * its query succeeds; another user's sign-in clears all; sign-out clears all.
 */
import { hashKey, onlineManager, type QueryClient } from "@tanstack/react-query";
import type { Me } from "@yingji/contracts";
import { rememberSession } from "../../app/api.ts";
import { ME_KEY } from "../../app/auth/useMe.ts";
import { clearKept, putKept, readKept, type KeptEntry } from "./kept-store.ts";

/** Query-key prefixes that are kept; `latestOnly` keeps one answer for the whole prefix. */
const KEPT: { prefix: readonly string[]; latestOnly?: boolean }[] = [
  { prefix: ME_KEY },
  { prefix: ["org", "duty-phones"] },
  { prefix: ["org", "units"] },
  { prefix: ["org", "unit"] },
  { prefix: ["org", "unit-kinds"] },
  { prefix: ["org", "checklist"] },
  { prefix: ["org", "people", "kept"] },
  { prefix: ["org", "people", "infinite"] },
  { prefix: ["incident-types"] },
  { prefix: ["incidents", "list"] },
  { prefix: ["warnings", "inbox"] },
  { prefix: ["warnings", "one"] },
  { prefix: ["map", "nearest"], latestOnly: true },
  // The district outline: the map draws it (and a point can be picked on it) without tiles.
  { prefix: ["map", "base"] },
];

function keptRule(key: readonly unknown[]) {
  return KEPT.find((k) => k.prefix.every((p, i) => key[i] === p));
}

/** Searches are not kept: only the unfiltered contact lists (offline search filters those). */
function worthKeeping(key: readonly unknown[]): boolean {
  if (key[0] === "org" && key[1] === "people" && key[2] === "infinite") {
    const params = key[3] as { q?: string } | undefined;
    return !params?.q;
  }
  return true;
}

const LAST_USER = "yingji.m.lastUser";

/** The user whose answers are kept now (null: none yet, or signed out). */
let owner: string | null = null;

// Writes and clears one after another, so a clear for a new user never lands after their first write.
let chain: Promise<unknown> = Promise.resolve();
const serial = (work: () => Promise<unknown>) => {
  chain = chain.then(work).catch(() => {});
};

export interface LastUser {
  id: string;
  username: string;
  displayName: string;
}

/** Who last used the app on this phone: the sign-in page offers their name when a session expired. */
export function lastUser(): LastUser | null {
  try {
    return JSON.parse(localStorage.getItem(LAST_USER) ?? "null") as LastUser | null;
  } catch {
    return null;
  }
}

/**
 * Puts the kept answers back into the query cache (before the first render) and starts keeping
 * new ones. TanStack Query believes it is online until an event says otherwise: tell it the truth
 * so a cold start offline shows kept data instead of failing requests.
 */
export function startKeeping(qc: QueryClient): Promise<void> {
  // Once per client (StrictMode runs effects twice in development).
  let started = starts.get(qc);
  if (!started) starts.set(qc, (started = hydrateAndKeep(qc)));
  return started;
}

const starts = new WeakMap<QueryClient, Promise<void>>();

async function hydrateAndKeep(qc: QueryClient): Promise<void> {
  onlineManager.setOnline(navigator.onLine);
  owner = lastUser()?.id ?? null;
  const entries = await readKept().catch(() => [] as KeptEntry[]);
  for (const e of entries) {
    if (e.owner !== owner) continue;
    qc.setQueryData(e.queryKey, e.data, { updatedAt: e.refreshedAt });
    if (e.id === hashKey(ME_KEY)) rememberSession(e.data as Me);
  }

  qc.getQueryCache().subscribe((event) => {
    if (event.type !== "updated" || event.action.type !== "success") return;
    const { queryKey, state } = event.query;
    const rule = keptRule(queryKey);
    if (!rule || !worthKeeping(queryKey)) return;
    if (queryKey[0] === ME_KEY[0]) {
      const me = state.data as Me | null;
      // A 401 answers null: keep what is kept, so the same user's next sign-in finds it again.
      if (!me) return;
      if (owner !== me.id) {
        owner = me.id;
        serial(clearKept);
        localStorage.setItem(LAST_USER, JSON.stringify({ id: me.id, username: me.username, displayName: me.displayName } satisfies LastUser));
      }
    }
    if (!owner || state.data === undefined) return;
    const id = rule.latestOnly ? rule.prefix.join("/") : event.query.queryHash;
    const entry: KeptEntry = { id, queryKey, data: state.data, refreshedAt: state.dataUpdatedAt, owner };
    serial(() => putKept(entry));
  });
}

/** Sign-out: nothing of this user stays on the phone (the offline queue is theirs and stays). */
export async function forgetKept(): Promise<void> {
  localStorage.removeItem(LAST_USER);
  owner = null;
  serial(clearKept);
  await chain;
}
