import { z } from "zod";
import { Id, LIMITS, Line, MultiLine, Phone, StandardColumns, Version } from "./common.ts";

/** Unit kinds seeded as data (org_unit_kinds); more may be added by an administrator. */
export const UNIT_KINDS = {
  district: { zh: "区", en: "District", level: 1 },
  town: { zh: "镇", en: "Town", level: 2 },
  subdistrict: { zh: "街道", en: "Subdistrict", level: 2 },
  zone: { zh: "开发区", en: "Development zone", level: 2 },
  village: { zh: "村", en: "Village", level: 3 },
  community: { zh: "社区", en: "Community", level: 3 },
  department: { zh: "成员单位", en: "Member department", level: 2 },
  enterprise: { zh: "企业", en: "Enterprise", level: 3 },
} as const;
export type UnitKind = keyof typeof UNIT_KINDS;
export const UnitKindCode = Line(32).min(1).regex(/^[a-z_]+$/).describe("unit kind code (org_unit_kinds)");

/** "Six in place" (六落实): body, function, posts, people, funds, premises. */
export const SIX_IN_PLACE = ["body", "function", "posts", "people", "funds", "premises"] as const;
export const SixInPlaceItem = z.enum(SIX_IN_PLACE);
export const SIX_IN_PLACE_LABELS: Record<(typeof SIX_IN_PLACE)[number], { zh: string; en: string }> = {
  body: { zh: "机构落实", en: "Body" },
  function: { zh: "职能落实", en: "Function" },
  posts: { zh: "编制落实", en: "Posts" },
  people: { zh: "人员落实", en: "People" },
  funds: { zh: "经费落实", en: "Funds" },
  premises: { zh: "场所落实", en: "Premises" },
};

const Lat = z.number().min(-90).max(90).describe("latitude, WGS-84");
const Lon = z.number().min(-180).max(180).describe("longitude, WGS-84");

export const Unit = z.object({
  id: Id,
  parentId: Id.nullable(),
  path: z.string().describe("ltree path; a unit's subtree is every path under it"),
  depth: z.number().int(),
  name: z.string(),
  kind: z.string(),
  code: z.string().nullable().describe("administrative or unified social credit code"),
  dutyPhone: z.string().nullable().describe("24-hour duty phone (值班电话); an office line, never masked"),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  population: z.number().int().nullable(),
  active: z.boolean(),
  sort: z.number().int(),
  childCount: z.number().int(),
  ...StandardColumns,
});
export type Unit = z.infer<typeof Unit>;

/** A duty phone the caller may call: of their own unit, a unit above it, or one directly below. */
export const DutyPhone = z.object({
  unitId: Id,
  name: z.string(),
  kind: z.string(),
  dutyPhone: z.string(),
  relation: z.enum(["self", "above", "below"]),
  /** level in the tree (1 = the district); nearest superior = highest depth among "above" */
  depth: z.number().int(),
});
export type DutyPhone = z.infer<typeof DutyPhone>;

export const UnitListQuery = z.object({
  parentId: Id.optional().describe("direct children of this unit; omitted: every unit in scope"),
  kind: Line(32).optional(),
  q: Line(100).optional(),
  includeInactive: z.enum(["true", "false"]).optional(),
});

const UnitFields = {
  name: Line(LIMITS.name).min(1),
  code: Line(32).nullable().optional(),
  dutyPhone: Phone.nullable().optional(),
  address: Line(LIMITS.shortText).nullable().optional(),
  lat: Lat.nullable().optional(),
  lon: Lon.nullable().optional(),
  population: z.number().int().min(0).max(100_000_000).nullable().optional(),
  sort: z.number().int().min(0).max(1_000_000).optional(),
};

export const CreateUnitInput = z.strictObject({ parentId: Id, kind: UnitKindCode, ...UnitFields });
export type CreateUnitInput = z.infer<typeof CreateUnitInput>;

export const UpdateUnitInput = z.strictObject({
  version: Version,
  ...UnitFields,
  name: UnitFields.name.optional(),
  kind: UnitKindCode.optional(),
  /** false deactivates the unit (and hides it from pickers); nothing is deleted. */
  active: z.boolean().optional(),
});
export type UpdateUnitInput = z.infer<typeof UpdateUnitInput>;

export const MoveUnitInput = z.strictObject({ version: Version, parentId: Id });

export const UnitKindRow = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), level: z.number().int() });

export const EvidenceFile = z.object({ id: Id, name: z.string(), size: z.number().int(), contentType: z.string(), uploadedAt: z.string() });

export const ChecklistItem = z.object({
  item: SixInPlaceItem,
  done: z.boolean(),
  note: z.string().nullable(),
  evidence: z.array(EvidenceFile),
  updatedAt: z.string().nullable(),
  version: Version,
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const UpdateChecklistInput = z.strictObject({
  done: z.boolean(),
  note: MultiLine(LIMITS.longText).nullable().optional(),
  /** version of the item as read (0 when it was never saved). */
  version: Version,
});

export const ChecklistRollupRow = z.object({
  unitId: Id,
  unitName: z.string(),
  kind: z.string(),
  units: z.number().int().describe("units in this subtree, the town included"),
  itemsDone: z.number().int(),
  itemsTotal: z.number().int(),
  rate: z.number().describe("0..1"),
});

export const RESPONSIBILITY_ROLES = ["lead", "member"] as const;
export const Responsibility = z.object({
  id: Id,
  incidentTypeId: Id,
  incidentTypeName: z.string(),
  unitId: Id,
  unitName: z.string(),
  role: z.enum(RESPONSIBILITY_ROLES).describe("lead unit (牵头单位) or member unit (成员单位)"),
  duties: z.string().describe("what the unit must do (职责)"),
  version: Version,
});
export type Responsibility = z.infer<typeof Responsibility>;
export const CreateResponsibilityInput = z.strictObject({
  incidentTypeId: Id,
  unitId: Id,
  role: z.enum(RESPONSIBILITY_ROLES),
  duties: MultiLine(LIMITS.longText).min(1),
});
export const UpdateResponsibilityInput = z.strictObject({
  version: Version,
  role: z.enum(RESPONSIBILITY_ROLES).optional(),
  duties: MultiLine(LIMITS.longText).min(1).optional(),
});
export const ResponsibilityQuery = z.object({ incidentTypeId: Id.optional(), unitId: Id.optional() });

/** Roles a person holds in an emergency (应急职务); the list is open, these are the usual ones. */
export const EMERGENCY_ROLES = ["commander", "deputy", "liaison", "duty", "team_leader", "expert", "member"] as const;
export const EMERGENCY_ROLE_LABELS: Record<(typeof EMERGENCY_ROLES)[number], { zh: string; en: string }> = {
  commander: { zh: "总指挥", en: "Commander" },
  deputy: { zh: "副总指挥", en: "Deputy commander" },
  liaison: { zh: "信息联络员", en: "Liaison officer" },
  duty: { zh: "值班员", en: "Duty officer" },
  team_leader: { zh: "队长", en: "Team leader" },
  expert: { zh: "专家", en: "Expert" },
  member: { zh: "成员", en: "Member" },
};

export const Person = z.object({
  id: Id,
  unitId: Id,
  unitName: z.string(),
  name: z.string(),
  title: z.string().nullable().describe("post (职务)"),
  emergencyRoles: z.array(z.enum(EMERGENCY_ROLES)),
  duty: z.string().nullable().describe("duties in an emergency (应急职责)"),
  /** Masked (138****1234) unless revealed through /unmask. */
  mobile: z.string().nullable(),
  officePhone: z.string().nullable(),
  email: z.string().nullable(),
  isLiaison: z.boolean().describe("information liaison officer (信息联络员) of the unit"),
  active: z.boolean(),
  sort: z.number().int(),
  ...StandardColumns,
});
export type Person = z.infer<typeof Person>;

const PersonFields = {
  unitId: Id,
  name: Line(50).min(1),
  title: Line(LIMITS.name).nullable().optional(),
  emergencyRoles: z.array(z.enum(EMERGENCY_ROLES)).max(EMERGENCY_ROLES.length).optional(),
  duty: Line(LIMITS.shortText).nullable().optional(),
  mobile: Phone.nullable().optional(),
  officePhone: Phone.nullable().optional(),
  email: z.email().max(LIMITS.email).nullable().optional(),
  isLiaison: z.boolean().optional(),
  sort: z.number().int().min(0).max(1_000_000).optional(),
};
export const CreatePersonInput = z.strictObject(PersonFields);
export type CreatePersonInput = z.infer<typeof CreatePersonInput>;
export const UpdatePersonInput = z.strictObject({
  version: Version,
  ...PersonFields,
  unitId: Id.optional(),
  name: PersonFields.name.optional(),
  active: z.boolean().optional(),
});
export type UpdatePersonInput = z.infer<typeof UpdatePersonInput>;

export const PeopleQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  q: Line(100).optional().describe("name, unit name, title or duty"),
  unitId: Id.optional().describe("this unit and its subtree"),
  liaison: z.enum(["true", "false"]).optional(),
  includeInactive: z.enum(["true", "false"]).optional(),
});

export const UnmaskedPhones = z.object({ mobile: z.string().nullable(), officePhone: z.string().nullable() });

/** What a stored number that is no valid phone (saved before the check) shows instead of a plausible mask. */
export const INVALID_PHONE_MASK = "号码有误";

/** A stored number of a person that is no valid phone (common.ts Phone), for an administrator to fix. */
export const BadPhone = z.object({
  personId: Id,
  name: z.string(),
  unitId: Id,
  unitName: z.string(),
  field: z.enum(["mobile", "officePhone"]),
  value: z.string().nullable().describe("the stored value, for a caller who may unmask; null otherwise"),
});
export type BadPhone = z.infer<typeof BadPhone>;
export const BadPhoneList = z.object({
  items: z.array(BadPhone).describe("at most 500, by unit and name"),
  total: z.number().int(),
});
export type BadPhoneList = z.infer<typeof BadPhoneList>;

export const LiaisonCoverageRow = z.object({
  townId: Id.nullable(),
  townName: z.string().nullable(),
  villages: z.number().int(),
  covered: z.number().int(),
  missing: z.array(z.object({ id: Id, name: z.string(), kind: z.string() })),
});
export const LiaisonCoverage = z.object({
  villages: z.number().int(),
  covered: z.number().int(),
  rate: z.number(),
  towns: z.array(LiaisonCoverageRow),
});

/** One row's fault in an Excel import. */
export const ImportError = z.object({ row: z.number().int(), column: z.string(), reason: z.string() });
export const ImportResult = z.object({
  ok: z.boolean(),
  /** rows written (0 when any row is bad: all or nothing). */
  written: z.number().int(),
  errors: z.array(ImportError),
});
export type ImportResult = z.infer<typeof ImportResult>;
