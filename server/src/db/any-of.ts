import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * `column = any($1::uuid[])`: a list of ids as ONE array parameter. `inArray` makes a parameter
 * per id, and building such a statement costs per id (measured: most of a list page's CPU for
 * the 200 report ids of 50 incidents). Ids are uuids, so the array literal needs no escaping;
 * anything else is refused.
 */
export function anyId(column: AnyPgColumn | SQL, ids: readonly string[]): SQL {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`anyId: not a uuid: ${id.slice(0, 40)}`);
  return sql`${column} = any(${`{${ids.join(",")}}`}::uuid[])`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
