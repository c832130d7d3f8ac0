/** Response types of the org API, inferred from the contracts. */
import type { z } from "zod";
import type {
  ChecklistRollupRow,
  LiaisonCoverage,
  UnitKindRow,
  UnmaskedPhones,
} from "@yingji/contracts";

export type UnitKindRow = z.infer<typeof UnitKindRow>;
export type ChecklistRollupRow = z.infer<typeof ChecklistRollupRow>;
export type LiaisonCoverage = z.infer<typeof LiaisonCoverage>;
export type UnmaskedPhones = z.infer<typeof UnmaskedPhones>;
export type { Page } from "../../app/page.ts";
