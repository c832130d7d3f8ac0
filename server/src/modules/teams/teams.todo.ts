/**
 * What the teams registry owes (the owed-work engine's teams provider): certificates of the
 * members of the caller's own unit's rescue teams that lapse within the warning window (or
 * have lapsed), one item per team, due on the first such date.
 */
import { can } from "@yingji/contracts";
import { and, eq } from "drizzle-orm";
import type { OwedItem, TodoProvider } from "../../platform/module.ts";
import { CERTIFICATE_WARN_DAYS } from "./teams.rules.ts";
import { teams } from "./teams.table.ts";

const LIMIT = 100;

interface Member { name?: string; certificates?: { name?: string; expiresOn?: string | null }[] | null }

/** The certificates lapsing by `limit` (YYYY-MM-DD), earliest first. */
export function lapsing(members: Member[] | null | undefined, limit: string): { member: string; certificate: string; expiresOn: string }[] {
  const out: { member: string; certificate: string; expiresOn: string }[] = [];
  for (const m of members ?? []) for (const c of m.certificates ?? []) if (c.expiresOn && c.expiresOn <= limit) out.push({ member: m.name ?? "", certificate: c.name ?? "", expiresOn: c.expiresOn });
  return out.sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
}

export const teamsTodo: TodoProvider = {
  name: "teams",
  kinds: ["team.certificate"],
  async owed(ctx, actor, now) {
    if (!can(actor.role, "resources.write")) return [];
    const rows = await ctx.db.select({ id: teams.id, name: teams.name, members: teams.members }).from(teams)
      .where(and(eq(teams.unitId, actor.unitId), eq(teams.active, true))).limit(LIMIT);
    const limit = new Date(now.getTime() + CERTIFICATE_WARN_DAYS * 86_400_000).toISOString().slice(0, 10);
    return rows.flatMap((t): OwedItem[] => {
      const due = lapsing(t.members as Member[], limit);
      if (due.length === 0) return [];
      const first = due[0];
      return [{
        key: `team.certificate:${t.id}:${first.expiresOn}`, kind: "team.certificate", title: t.name,
        detail: `${due.length} 本证书将到期或已过期（最早：${first.member} ${first.certificate} ${first.expiresOn}）`,
        objectId: t.id, link: `/teams/${t.id}`, deadline: new Date(`${first.expiresOn}T00:00:00+08:00`), unitName: actor.unitName,
      }];
    });
  },
};
