/**
 * Demo duty data: a week of shifts around the seeding day for the district and the units of
 * `rosters`, and the next Spring Festival as a key period.
 */
import type { Q } from "../../db/client.ts";
import { shiftEnd } from "./duty.rules.ts";
import { dutyKeyPeriods, dutyShifts } from "./duty.table.ts";

/** Each roster names a unit and its [leader, duty officer]; the district's is the first. */
export async function seedDemoDuty(tx: Q, districtId: string, rosters: { unitId: string; people: string[] }[], now = new Date()) {
  // 08:00 Asia/Shanghai (00:00 UTC) of yesterday, then one shift a day for a week.
  const first = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1);
  const rows = rosters.flatMap(({ unitId, people: [leader, officer] }) => !leader || !officer ? [] : Array.from({ length: 8 }, (_, i) => {
    const startsAt = new Date(first + i * 86_400_000);
    return { orgUnitId: unitId, startsAt, endsAt: shiftEnd(startsAt), officerIds: [officer], leaderId: leader };
  }));
  if (rows.length) await tx.insert(dutyShifts).values(rows);
  const year = now.getUTCFullYear() + 1;
  await tx.insert(dutyKeyPeriods).values({
    orgUnitId: districtId, name: `${year}年春节`, kind: "holiday", startsAt: new Date(`${year}-02-10T00:00:00+08:00`),
    endsAt: new Date(`${year}-02-18T00:00:00+08:00`), minOfficers: 2, leaderRequired: true,
  });
}
