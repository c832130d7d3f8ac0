/** Days before a certificate lapses from which it is flagged (as the server counts certificatesExpiring). */
export const CERT_WARN_DAYS = 60;

export interface LapsingCertificate {
  member: string;
  name: string;
  number: string | null;
  expiresOn: string;
  /** Negative: already lapsed. */
  daysLeft: number;
}

interface Member {
  name?: string | null;
  certificates?: { name?: string | null; number?: string | null; expiresOn?: string | null }[] | null;
}

/** The members' certificates that lapse within CERT_WARN_DAYS of `today` or have lapsed, soonest first. */
export function lapsingCertificates(members: Member[] | null | undefined, today: Date): LapsingCertificate[] {
  const day = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const out: LapsingCertificate[] = [];
  for (const m of members ?? []) {
    for (const c of m.certificates ?? []) {
      if (!c.expiresOn) continue;
      const daysLeft = Math.round((Date.parse(c.expiresOn + "T00:00:00Z") - day) / 86_400_000);
      if (daysLeft <= CERT_WARN_DAYS) out.push({ member: m.name ?? "", name: c.name ?? "", number: c.number ?? null, expiresOn: c.expiresOn, daysLeft });
    }
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft);
}
