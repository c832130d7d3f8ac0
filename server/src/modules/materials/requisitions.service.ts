/** Requisitions beyond the generic registry: documents uploaded onto the record. */
import type { Requisition } from "@yingji/contracts";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { saveFile } from "../../platform/files.ts";
import { getRow } from "../../platform/registry.ts";
import { requisitionsRegistry } from "./materials.registry.ts";

export async function addRequisitionDocument(db: Db, config: Config, actor: Actor, id: string, f: { name: string; contentType: string; data: Buffer }) {
  await db.transaction(async (tx) => {
    const before = await requisitionsRegistry.writableRow(tx, actor, id);
    const file = await saveFile(tx, config, { ...f, unitId: before.unitId, actorId: actor.id });
    await requisitionsRegistry.writeUpdate(tx, actor, before, { documents: [...((before.documents as string[]) ?? []), file.id] }, "requisition.document");
  });
  return (await getRow(db, requisitionsRegistry, actor, id)) as Requisition;
}
