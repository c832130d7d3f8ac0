/** `npm run bench`: every benchmark with its fixed data size; prints figures, asserts nothing. */
import { benchFirstLoad } from "./first-load.bench.ts";
import { benchIncidents } from "./incidents.bench.ts";
import { benchFoundation } from "./org.bench.ts";
import { benchResources } from "./resources.bench.ts";
import { benchWarnings } from "./warnings.bench.ts";

const benches: Record<string, () => Promise<void>> = {
  foundation: benchFoundation, incidents: benchIncidents, warnings: benchWarnings, resources: benchResources,
  "first-load": benchFirstLoad,
};
const only = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (only.length && !only.includes(name)) continue;
  await run();
}
process.exit(0);
