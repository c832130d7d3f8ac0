/** Fixed-size bench data: the demo district plus generated people up to a set total. */
import { sql } from "drizzle-orm";
import type { Database } from "../../server/src/db/client.ts";
import { migrate } from "../../server/src/db/migrate.ts";
import { seedDemo } from "../../server/src/db/seed-demo.ts";
import { seedReferenceData } from "../../server/src/db/seed-reference.ts";
import { people } from "../../server/src/modules/org/org.table.ts";

export const BENCH_PASSWORD = "Bench#2030pass";

export async function seedBenchDistrict(database: Database, totalPeople: number) {
  await migrate(database);
  await seedReferenceData(database.db);
  // The demo district without its recent incidents: each bench generates the history it measures.
  await seedDemo(database.db, BENCH_PASSWORD, { activity: false });
  const units = (await database.db.execute<{ id: string }>(sql`select id from org_units order by path`)).rows.map((r) => r.id);
  const { rows } = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from people`);
  const missing = totalPeople - Number(rows[0].n);
  const batch: (typeof people.$inferInsert)[] = [];
  for (let i = 0; i < missing; i++) {
    batch.push({ unitId: units[i % units.length], name: `测试人员${i}`, title: "工作人员", duty: "应急值守", mobile: `139${String(i).padStart(8, "0")}`, sort: 10 + (i % 50) });
    if (batch.length === 1000 || i === missing - 1) {
      await database.db.insert(people).values(batch);
      batch.length = 0;
    }
  }
  await database.db.execute(sql`analyze`);
}
