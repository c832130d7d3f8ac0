/**
 * Reference data read on almost every request (reporting rules, level thresholds, type names)
 * kept for a few seconds per database handle. A write in this process forgets its entry at
 * once; other app processes see the change when their entry expires (REFERENCE_TTL_MS).
 * A transaction handle is a different object, so reads inside a transaction are always fresh.
 */
export const REFERENCE_TTL_MS = 5_000;

const caches = new WeakMap<object, Map<string, { until: number; value: Promise<unknown> }>>();

export function cachedRead<T>(handle: object, key: string, load: () => Promise<T>, ttlMs = REFERENCE_TTL_MS): Promise<T> {
  let cache = caches.get(handle);
  if (!cache) caches.set(handle, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.value as Promise<T>;
  const value = load();
  cache.set(key, { until: Date.now() + ttlMs, value });
  // A failed read is not kept.
  value.catch(() => cache.delete(key));
  return value;
}

export function forgetCached(handle: object, key: string): void {
  caches.get(handle)?.delete(key);
}
