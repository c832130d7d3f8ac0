/** Pure rules of rescue teams. */

/** Certificates are flagged this many days before they lapse. */
export const CERTIFICATE_WARN_DAYS = 60;

interface Member {
  certificates?: { expiresOn?: string | null }[] | null;
}

/** Certificates of the members that lapse within the warning window (or have lapsed). */
export function certificatesExpiring(members: Member[] | null | undefined, now: Date, warnDays = CERTIFICATE_WARN_DAYS): number {
  const limit = new Date(now.getTime() + warnDays * 86_400_000).toISOString().slice(0, 10);
  let n = 0;
  for (const m of members ?? []) for (const c of m.certificates ?? []) if (c.expiresOn && c.expiresOn <= limit) n++;
  return n;
}

/** readinessSince moves only when the readiness changes. */
export function readinessSince(next: string | undefined, before: { readiness: string; readinessSince: Date } | null, now: Date): Date | undefined {
  if (!before) return now;
  if (next !== undefined && next !== before.readiness) return now;
  return undefined;
}

/** Headcount: as typed, else the number of members listed. */
export function headcountOf(headcount: number | null | undefined, members: unknown[] | null | undefined): number | null {
  return headcount ?? (members?.length ? members.length : null);
}
