/** `npm run audit:verify`: walks the audit hash chain and says whether it is intact and where it breaks. Exit 0 intact, 1 broken. */
import { verifyAuditChain } from "../platform/audit.ts";
import { openForCli } from "./cli-db.ts";

const database = await openForCli();
const result = await verifyAuditChain(database.db);
await database.close();
if (result.ok) {
  console.log(`audit chain intact: ${result.checked} entries verified`);
} else {
  console.log(`audit chain BROKEN at seq ${result.brokenAt}: ${result.reason} (${result.checked} entries verified before it)`);
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
