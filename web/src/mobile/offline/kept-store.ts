/**
 * What the field app keeps on the phone so it opens with no signal: one IndexedDB row per
 * dataset (a query's answer), with the time it was last refreshed and the user it belongs to.
 * Kept apart from the photos database so neither needs the other's schema version.
 */

export interface KeptEntry {
  /** Storage id: the query hash, or a fixed name for datasets that keep only their latest answer. */
  id: string;
  queryKey: readonly unknown[];
  data: unknown;
  /** When the server last answered this dataset (ms since the epoch). */
  refreshedAt: number;
  /** The user whose answer this is; another user's sign-in clears everything. */
  owner: string;
}

const DB = "yingji-field-kept";
const STORE = "datasets";

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "id" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  if (typeof indexedDB === "undefined") return undefined;
  const db = await openDb();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = act(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req ? req.result : undefined);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export async function readKept(): Promise<KeptEntry[]> {
  return ((await withStore("readonly", (s) => s.getAll())) as KeptEntry[] | undefined) ?? [];
}

export async function putKept(entry: KeptEntry): Promise<void> {
  await withStore("readwrite", (s) => s.put(entry));
}

/** Forgets everything kept (sign-out, or another user signed in on this phone). */
export async function clearKept(): Promise<void> {
  await withStore("readwrite", (s) => s.clear());
}
