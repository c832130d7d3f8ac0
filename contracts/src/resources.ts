/**
 * Emergency resources (issue 5): rescue teams, experts, volunteers (module teams); warehouses,
 * the item catalogue, stock, movements, inspections and requisitions (module materials);
 * shelters (module shelters); the one map and the nearest-resource search.
 *
 * Each registry is a declaration (registry.ts): the server registers its routes from it and
 * the console builds its pages from it. What differs (stock, shelter status) is declared below.
 */
import { z } from "zod";
import { DateOnly, Id, LIMITS, Line, MultiLine, Timestamp } from "./common.ts";
import { createInput, field, itemSchema, Lat, listQuery, Lon, updateInput, type Options, type RegistryDecl } from "./registry.ts";

// ---------------------------------------------------------------- enums

export const TEAM_KINDS = {
  comprehensive: { zh: "综合性救援队伍", en: "Comprehensive" },
  fire: { zh: "消防救援", en: "Fire and rescue" },
  hazmat: { zh: "危险化学品救援", en: "Hazardous chemicals" },
  road_traffic: { zh: "道路交通救援", en: "Road traffic" },
  water_rescue: { zh: "水上搜救", en: "Water search and rescue" },
  medical: { zh: "医疗救护", en: "Medical" },
  enterprise_part_time: { zh: "企业兼职队伍", en: "Enterprise part-time" },
  grassroots: { zh: "基层应急队伍", en: "Grassroots" },
  volunteer: { zh: "社会志愿队伍", en: "Volunteer" },
} satisfies Options<string>;
export type TeamKind = keyof typeof TEAM_KINDS;

export const READINESS = {
  ready: { zh: "待命", en: "Ready" },
  deployed: { zh: "出动中", en: "Deployed" },
  unavailable: { zh: "不可用", en: "Unavailable" },
} satisfies Options<string>;
export type Readiness = keyof typeof READINESS;

export const EQUIPMENT_CONDITIONS = {
  good: { zh: "完好", en: "Good" },
  fair: { zh: "一般", en: "Fair" },
  repair: { zh: "待维修", en: "Needs repair" },
  scrapped: { zh: "报废", en: "Scrapped" },
} satisfies Options<string>;

export const EXPERT_LEVELS = {
  district: { zh: "区级", en: "District" },
  city: { zh: "市级", en: "City" },
} satisfies Options<string>;

export const AVAILABILITY = {
  available: { zh: "可参与", en: "Available" },
  busy: { zh: "暂时无法", en: "Busy" },
  unavailable: { zh: "不可用", en: "Unavailable" },
} satisfies Options<string>;

export const VOLUNTEER_KINDS = {
  group: { zh: "志愿者队伍", en: "Group" },
  person: { zh: "志愿者个人", en: "Person" },
} satisfies Options<string>;

export const WAREHOUSE_KINDS = {
  government: { zh: "政府储备库", en: "Government" },
  enterprise_agreement: { zh: "协议企业储备", en: "Enterprise under agreement" },
  social: { zh: "社会储备", en: "Social" },
} satisfies Options<string>;

export const ITEM_CATEGORIES = {
  flood: { zh: "防汛抗旱", en: "Flood and drought" },
  fire: { zh: "消防", en: "Fire fighting" },
  hazmat: { zh: "危化品处置", en: "Hazardous chemicals" },
  rescue: { zh: "抢险救援", en: "Rescue" },
  medical: { zh: "医疗防疫", en: "Medical" },
  living: { zh: "生活救助", en: "Living relief" },
  power: { zh: "电力照明", en: "Power and lighting" },
  communication: { zh: "通信", en: "Communication" },
  other: { zh: "其他", en: "Other" },
} satisfies Options<string>;

export const REQUISITION_FROM = {
  enterprise: { zh: "企业", en: "Enterprise" },
  person: { zh: "个人", en: "Person" },
} satisfies Options<string>;

export const REQUISITION_OUTCOMES = {
  in_use: { zh: "使用中", en: "In use" },
  returned: { zh: "已归还", en: "Returned" },
  consumed: { zh: "已消耗", en: "Consumed" },
  damaged: { zh: "损毁", en: "Damaged" },
} satisfies Options<string>;

export const COMPENSATION_STATUS = {
  none: { zh: "未决定", en: "Not decided" },
  decided: { zh: "已决定", en: "Decided" },
  paid: { zh: "已支付", en: "Paid" },
} satisfies Options<string>;

export const SHELTER_KINDS = {
  square: { zh: "广场", en: "Square" },
  green_space: { zh: "绿地", en: "Green space" },
  park: { zh: "公园", en: "Park" },
  stadium: { zh: "体育场馆", en: "Stadium" },
  civil_air_defence: { zh: "人防工程", en: "Civil air defence work" },
  hotel: { zh: "宾馆酒店", en: "Hotel" },
  school: { zh: "学校", en: "School" },
  other: { zh: "其他", en: "Other" },
} satisfies Options<string>;

/** GB 21734-2008 classes (rules.md "Shelters"). */
export const SHELTER_CLASSES = {
  I: { zh: "Ⅰ类（≥30天）", en: "Class I (≥ 30 days)" },
  II: { zh: "Ⅱ类（10–30天）", en: "Class II (10–30 days)" },
  III: { zh: "Ⅲ类（≤10天）", en: "Class III (≤ 10 days)" },
} satisfies Options<string>;

/** Jiangsu DB32/3709-2019: central, fixed and emergency shelters. */
export const SHELTER_CATEGORIES = {
  central: { zh: "中心避难场所", en: "Central" },
  fixed: { zh: "固定避难场所", en: "Fixed" },
  emergency: { zh: "紧急避难场所", en: "Emergency" },
} satisfies Options<string>;

export const SHELTER_FACILITIES = {
  command: { zh: "应急指挥", en: "Command" },
  medical: { zh: "医疗救护", en: "Medical" },
  storage: { zh: "物资储备", en: "Storage" },
  tents: { zh: "帐篷区", en: "Tent area" },
  power: { zh: "供电", en: "Power" },
  water: { zh: "供水", en: "Water" },
  fire: { zh: "消防", en: "Fire" },
  toilets: { zh: "厕所", en: "Toilets" },
  broadcast: { zh: "广播", en: "Broadcast" },
} satisfies Options<string>;

export const SHELTER_STATUS = {
  ready: { zh: "可用", en: "Ready" },
  open: { zh: "开放中", en: "Open" },
  full: { zh: "已满", en: "Full" },
  closed: { zh: "关闭", en: "Closed" },
} satisfies Options<string>;
export type ShelterStatus = keyof typeof SHELTER_STATUS;

// ---------------------------------------------------------------- registries

const teamMember = {
  name: field.text("姓名", "Name", { required: true, max: LIMITS.name }),
  role: field.text("职务", "Role", { max: LIMITS.name }),
  mobile: field.phone("手机", "Mobile", { masked: true }),
  skills: field.tags("技能", "Skills"),
  certificates: field.rows("证书", "Certificates", {
    name: field.text("证书名称", "Certificate", { required: true, max: LIMITS.name }),
    number: field.text("证书编号", "Number", { max: LIMITS.name }),
    expiresOn: field.date("有效期至", "Expires on", { help: { zh: "到期前 60 天起提示", en: "Flagged from 60 days before it lapses" } }),
  }, { max: 20 }),
};

export const TEAMS = {
  key: "teams",
  entity: "team",
  module: "teams",
  label: { zh: "救援队伍", en: "Rescue teams" },
  located: true,
  sheet: "救援队伍",
  href: (id: string) => `/teams/${id}`,
  permissions: { read: "resources.read", write: "resources.write" },
  search: ["leaderName"],
  fields: {
    kind: field.enum("队伍类型", "Kind", TEAM_KINDS, { required: true, list: true, filter: true, example: "综合性救援队伍" }),
    readiness: field.enum("战备状态", "Readiness", READINESS, { required: true, list: true, filter: true, example: "待命" }),
    headcount: field.integer("队员人数", "Headcount", { list: true, suffix: "人", example: "30" }),
    leaderName: field.text("队长", "Leader", { list: true, max: LIMITS.name, example: "张三" }),
    leaderPhone: field.phone("队长电话", "Leader's phone", { list: true, masked: true, example: "13800000000" }),
    dutyPhone: field.phone("值班电话", "Duty phone", { example: "0519-86310119" }),
    capabilities: field.incidentTypes("可处置事件类型", "Capabilities (incident types)", { filter: true, example: "火灾事故；危险化学品事故" }),
    members: field.rows("队员", "Members", teamMember),
    equipment: field.rows("装备", "Equipment", {
      type: field.text("装备名称", "Type", { required: true, max: LIMITS.name }),
      count: field.integer("数量", "Count", { required: true, max: 100_000 }),
      condition: field.enum("状况", "Condition", EQUIPMENT_CONDITIONS),
    }),
    note: field.textarea("备注", "Note"),
  },
  computed: {
    readinessSince: { label: { zh: "状态起始", en: "Since" }, schema: Timestamp.nullable() },
    certificatesExpiring: { label: { zh: "证书将到期", en: "Certificates lapsing" }, schema: z.number().int().describe("certificates of members lapsing within 60 days or lapsed"), list: true },
  },
} as const satisfies RegistryDecl;

export const EXPERTS = {
  key: "experts",
  entity: "expert",
  module: "teams",
  label: { zh: "应急专家", en: "Experts" },
  located: true,
  sheet: "应急专家",
  href: (id: string) => `/teams/experts/${id}`,
  permissions: { read: "resources.read", write: "resources.write" },
  search: ["affiliation", "title"],
  fields: {
    level: field.enum("专家级别", "Level", EXPERT_LEVELS, { required: true, list: true, filter: true, example: "区级" }),
    specialties: field.incidentTypes("专业领域（事件类型）", "Specialties (incident types)", { filter: true, example: "危险化学品事故" }),
    affiliation: field.text("工作单位", "Affiliation", { list: true, example: "常州大学" }),
    title: field.text("职称", "Title", { list: true, max: LIMITS.name, example: "教授级高工" }),
    mobile: field.phone("手机", "Mobile", { list: true, masked: true, example: "13800000000" }),
    availability: field.enum("可用状态", "Availability", AVAILABILITY, { required: true, list: true, filter: true, example: "可参与" }),
    note: field.textarea("备注", "Note"),
  },
} as const satisfies RegistryDecl;

export const VOLUNTEERS = {
  key: "volunteers",
  entity: "volunteer",
  module: "teams",
  label: { zh: "志愿者", en: "Volunteers" },
  located: true,
  sheet: "志愿者",
  href: (id: string) => `/teams/volunteers/${id}`,
  permissions: { read: "resources.read", write: "resources.write" },
  search: ["groupName"],
  fields: {
    kind: field.enum("类别", "Kind", VOLUNTEER_KINDS, { required: true, list: true, filter: true, example: "志愿者队伍" }),
    groupName: field.text("所属队伍", "Group", { list: true, example: "武进蓝天救援队" }),
    headcount: field.integer("人数", "Headcount", { list: true, suffix: "人", example: "20" }),
    contactName: field.text("联系人", "Contact", { max: LIMITS.name, example: "李四" }),
    mobile: field.phone("联系电话", "Phone", { list: true, masked: true, example: "13900000000" }),
    skills: field.tags("技能", "Skills", { example: "水上救援、急救" }),
    availability: field.enum("可用状态", "Availability", AVAILABILITY, { required: true, list: true, filter: true, example: "可参与" }),
    training: field.textarea("培训情况", "Training received", { example: "2025年应急救护培训" }),
    lastTrainedOn: field.date("最近培训日期", "Last trained on", { example: "2025-06-01" }),
  },
} as const satisfies RegistryDecl;

export const WAREHOUSES = {
  key: "warehouses",
  entity: "warehouse",
  module: "materials",
  label: { zh: "物资仓库", en: "Warehouses" },
  located: true,
  sheet: "物资仓库",
  href: (id: string) => `/materials/warehouses/${id}`,
  permissions: { read: "resources.read", write: "materials.write" },
  search: ["managerName"],
  fields: {
    kind: field.enum("仓库类型", "Kind", WAREHOUSE_KINDS, { required: true, list: true, filter: true, example: "政府储备库" }),
    area: field.number("面积", "Area", { suffix: "m²", list: true, example: "500" }),
    managerName: field.text("管理员", "Manager", { list: true, max: LIMITS.name, example: "王五" }),
    managerPhone: field.phone("管理员电话", "Manager's phone", { list: true, masked: true, example: "13700000000" }),
    dutyPhone: field.phone("值班电话", "Duty phone", { example: "0519-86310000" }),
    note: field.textarea("备注", "Note"),
  },
  computed: {
    lastInspectedAt: { label: { zh: "最近盘点", en: "Last inspected" }, schema: Timestamp.nullable(), list: true },
  },
} as const satisfies RegistryDecl;

export const MATERIAL_ITEMS = {
  key: "material-items",
  entity: "material_item",
  module: "materials",
  label: { zh: "物资目录", en: "Item catalogue" },
  located: false,
  sheet: "物资目录",
  href: (id: string) => `/materials/items/${id}`,
  permissions: { read: "resources.read", write: "materials.write" },
  search: ["specification"],
  fields: {
    category: field.enum("物资类别", "Category", ITEM_CATEGORIES, { required: true, list: true, filter: true, example: "防汛抗旱" }),
    specification: field.text("规格型号", "Specification", { list: true, example: "50kg 编织袋" }),
    measureUnit: field.text("计量单位", "Unit of measure", { required: true, list: true, max: 20, example: "条" }),
    note: field.textarea("备注", "Note"),
  },
} as const satisfies RegistryDecl;

export const REQUISITIONS = {
  key: "requisitions",
  entity: "requisition",
  module: "materials",
  label: { zh: "征用补偿", en: "Requisitions" },
  located: false,
  sheet: "征用补偿",
  href: (id: string) => `/materials/requisitions/${id}`,
  permissions: { read: "resources.read", write: "materials.write" },
  search: ["fromParty", "description"],
  fields: {
    fromKind: field.enum("被征用方类型", "From (kind)", REQUISITION_FROM, { required: true, list: true, filter: true, example: "企业" }),
    fromParty: field.text("被征用单位/个人", "Requisitioned from", { required: true, list: true, example: "常州示例物流园" }),
    fromPhone: field.phone("联系电话", "Phone", { masked: true, example: "13600000000" }),
    requisitionedAt: field.datetime("征用时间", "Requisitioned at", { required: true, list: true, example: "2026-07-01T08:00:00+08:00" }),
    incidentId: field.incident("关联事件", "Incident"),
    description: field.textarea("征用物资/设备说明", "What was requisitioned", { example: "挖掘机 2 台" }),
    valuation: field.number("评估价值", "Valuation", { suffix: "元", list: true, example: "20000" }),
    outcome: field.enum("归还/消耗", "Outcome", REQUISITION_OUTCOMES, { required: true, list: true, filter: true, example: "使用中" }),
    returnedAt: field.datetime("归还时间", "Returned at"),
    compensationDecided: field.number("决定补偿金额", "Compensation decided", { suffix: "元" }),
    compensationDecidedOn: field.date("补偿决定日期", "Decided on"),
    compensationPaid: field.number("已支付补偿", "Compensation paid", { suffix: "元" }),
    compensationPaidOn: field.date("支付日期", "Paid on"),
    documents: field.files("凭证文件", "Documents"),
  },
  computed: {
    compensationStatus: { label: { zh: "补偿状态", en: "Compensation" }, schema: z.enum(["none", "decided", "paid"]), list: true },
  },
} as const satisfies RegistryDecl;

export const SHELTERS = {
  key: "shelters",
  entity: "shelter",
  module: "shelters",
  label: { zh: "避难场所", en: "Shelters" },
  located: true,
  sheet: "避难场所",
  href: (id: string) => `/shelters/${id}`,
  permissions: { read: "resources.read", write: "resources.write" },
  search: ["managerName"],
  fields: {
    kind: field.enum("场所类型", "Kind", SHELTER_KINDS, { required: true, list: true, filter: true, example: "公园" }),
    shelterClass: field.enum("场所等级", "Class", SHELTER_CLASSES, { required: true, list: true, filter: true, example: "Ⅱ类（10–30天）" }),
    category: field.enum("场所分类", "Category", SHELTER_CATEGORIES, { filter: true, example: "固定避难场所" }),
    usableArea: field.number("有效避难面积", "Usable area", { required: true, suffix: "m²", list: true, example: "12000" }),
    capacityOverride: field.integer("核定容量（覆盖计算值）", "Capacity (overrides the computed one)", { suffix: "人", help: { zh: "留空则按有效面积 ÷ 人均面积计算", en: "Empty: usable area ÷ area per person" } }),
    facilities: field.enumSet("设施", "Facilities", SHELTER_FACILITIES, { filter: true, example: "应急指挥、供水、厕所" }),
    managerName: field.text("管理员", "Manager", { list: true, max: LIMITS.name, example: "赵六" }),
    managerPhone: field.phone("管理员电话", "Manager's phone", { masked: true, example: "13500000000" }),
    note: field.textarea("备注", "Note"),
  },
  computed: {
    capacity: { label: { zh: "容纳人数", en: "Capacity" }, schema: z.number().int(), list: true, suffix: "人" },
    status: { label: { zh: "状态", en: "Status" }, schema: z.enum(["ready", "open", "full", "closed"]), list: true },
    occupancy: { label: { zh: "当前安置人数", en: "Occupancy" }, schema: z.number().int(), list: true, suffix: "人" },
    freeCapacity: { label: { zh: "剩余容量", en: "Free capacity" }, schema: z.number().int(), suffix: "人" },
    statusSince: { label: { zh: "状态起始", en: "Since" }, schema: Timestamp.nullable() },
    lastInspectedAt: { label: { zh: "最近检查", en: "Last inspected" }, schema: Timestamp.nullable() },
  },
} as const satisfies RegistryDecl;

/** Every registry, by key: the server registers them, the console lists them. */
export const REGISTRIES = {
  teams: TEAMS,
  experts: EXPERTS,
  volunteers: VOLUNTEERS,
  warehouses: WAREHOUSES,
  "material-items": MATERIAL_ITEMS,
  requisitions: REQUISITIONS,
  shelters: SHELTERS,
} as const;
export type RegistryKey = keyof typeof REGISTRIES;

// ---------------------------------------------------------------- request/response pairs

export const CreateTeamInput = createInput(TEAMS);
export const UpdateTeamInput = updateInput(TEAMS);
export const Team = itemSchema(TEAMS);
export const TeamListQuery = listQuery(TEAMS);
export type Team = z.infer<typeof Team>;
export type CreateTeamInput = z.infer<typeof CreateTeamInput>;

export const CreateExpertInput = createInput(EXPERTS);
export const UpdateExpertInput = updateInput(EXPERTS);
export const Expert = itemSchema(EXPERTS);
export type Expert = z.infer<typeof Expert>;

export const CreateVolunteerInput = createInput(VOLUNTEERS);
export const UpdateVolunteerInput = updateInput(VOLUNTEERS);
export const Volunteer = itemSchema(VOLUNTEERS);
export type Volunteer = z.infer<typeof Volunteer>;

export const CreateWarehouseInput = createInput(WAREHOUSES);
export const UpdateWarehouseInput = updateInput(WAREHOUSES);
export const Warehouse = itemSchema(WAREHOUSES);
export type Warehouse = z.infer<typeof Warehouse>;

export const CreateMaterialItemInput = createInput(MATERIAL_ITEMS);
export const UpdateMaterialItemInput = updateInput(MATERIAL_ITEMS);
export const MaterialItem = itemSchema(MATERIAL_ITEMS);
export type MaterialItem = z.infer<typeof MaterialItem>;

export const CreateRequisitionInput = createInput(REQUISITIONS);
export const UpdateRequisitionInput = updateInput(REQUISITIONS);
export const Requisition = itemSchema(REQUISITIONS);
export type Requisition = z.infer<typeof Requisition>;

export const CreateShelterInput = createInput(SHELTERS);
export const UpdateShelterInput = updateInput(SHELTERS);
export const Shelter = itemSchema(SHELTERS);
export type Shelter = z.infer<typeof Shelter>;

// ---------------------------------------------------------------- stock

export const MOVEMENT_KINDS = {
  in: { zh: "入库", en: "In" },
  out: { zh: "出库", en: "Out" },
  transfer: { zh: "调拨", en: "Transfer" },
  adjust: { zh: "调整", en: "Adjustment" },
} satisfies Options<string>;
export type MovementKind = keyof typeof MOVEMENT_KINDS;

const Batch = Line(LIMITS.name).describe("batch (批次); empty: no batch");

/**
 * A stock movement (出入库): stock is the sum of movements, never a number typed over.
 * `adjust` takes a signed quantity (the difference found), the others a positive one.
 */
export const CreateMovementInput = z.strictObject({
  kind: z.enum(["in", "out", "transfer", "adjust"]),
  warehouseId: Id,
  toWarehouseId: Id.optional().describe("transfer: the receiving warehouse"),
  itemId: Id,
  batch: Batch.optional(),
  quantity: z.number().min(-1e9).max(1e9).multipleOf(0.001).refine((n) => n !== 0, "数量不能为 0").describe("positive; adjust: the signed difference"),
  expiresOn: DateOnly.optional().describe("in: the batch's expiry date (有效期)"),
  reason: Line(LIMITS.shortText).min(1).optional().describe("why (required for adjust and out)"),
  incidentId: Id.optional().describe("the incident the materials went to"),
});
export type CreateMovementInput = z.infer<typeof CreateMovementInput>;

export const Movement = z.object({
  id: Id,
  kind: z.enum(["in", "out", "transfer", "adjust"]),
  warehouseId: Id,
  warehouseName: z.string(),
  itemId: Id,
  itemName: z.string(),
  batch: z.string(),
  /** Signed change of this warehouse's stock (a transfer appears twice: −q here, +q there). */
  delta: z.number(),
  reason: z.string().nullable(),
  incidentId: Id.nullable(),
  inspectionId: Id.nullable(),
  transferId: Id.nullable().describe("links the two sides of a transfer"),
  balanceAfter: z.number(),
  at: Timestamp,
  byName: z.string().nullable(),
});
export type Movement = z.infer<typeof Movement>;

export const MovementListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  warehouseId: Id.optional(),
  itemId: Id.optional(),
  kind: z.enum(["in", "out", "transfer", "adjust"]).optional(),
  incidentId: Id.optional(),
});

export const STOCK_ALERTS = {
  below_minimum: { zh: "低于最低储备", en: "Below minimum" },
  expiring: { zh: "临近有效期", en: "Expiring" },
  expired: { zh: "已过期", en: "Expired" },
  not_inspected: { zh: "超期未盘点", en: "Not inspected" },
} satisfies Options<string>;
export type StockAlertKind = keyof typeof STOCK_ALERTS;

export const StockLine = z.object({
  warehouseId: Id,
  warehouseName: z.string(),
  itemId: Id,
  itemName: z.string(),
  category: z.string(),
  specification: z.string().nullable(),
  measureUnit: z.string(),
  batch: z.string(),
  quantity: z.number(),
  /** Minimum reserve (最低储备) of the item in this warehouse, all batches together. */
  minimum: z.number().nullable(),
  /** The item's total in this warehouse, all batches. */
  itemTotal: z.number(),
  expiresOn: z.string().nullable(),
  alerts: z.array(z.enum(["below_minimum", "expiring", "expired"])),
  updatedAt: Timestamp,
});
export type StockLine = z.infer<typeof StockLine>;

export const StockQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  warehouseId: Id.optional(),
  itemId: Id.optional(),
  category: z.enum(Object.keys(ITEM_CATEGORIES) as [string, ...string[]]).optional(),
  q: Line(LIMITS.name).optional(),
  includeEmpty: z.enum(["true", "false"]).optional().describe("include batches at zero"),
});

export const SetMinimumInput = z.strictObject({
  warehouseId: Id,
  itemId: Id,
  minimum: z.number().min(0).max(1e9).describe("minimum reserve (最低储备); 0 clears it"),
});

export const StockAlert = z.object({
  kind: z.enum(["below_minimum", "expiring", "expired", "not_inspected"]),
  warehouseId: Id,
  warehouseName: z.string(),
  itemId: Id.nullable(),
  itemName: z.string().nullable(),
  batch: z.string().nullable(),
  quantity: z.number().nullable(),
  minimum: z.number().nullable(),
  expiresOn: z.string().nullable(),
  lastInspectedAt: Timestamp.nullable(),
});
export type StockAlert = z.infer<typeof StockAlert>;

export const StockAlertQuery = z.strictObject({
  expiringDays: z.coerce.number().int().min(1).max(3650).optional().describe("default: the STOCK_EXPIRY_WARN_DAYS setting"),
  inspectionDays: z.coerce.number().int().min(1).max(3650).optional().describe("default: the WAREHOUSE_INSPECTION_DAYS setting"),
  warehouseId: Id.optional(),
});

/** An inspection (盘点): counted quantities; each difference is posted as an adjustment. */
export const CreateInspectionInput = z.strictObject({
  note: MultiLine(LIMITS.longText).optional(),
  lines: z.array(z.strictObject({
    itemId: Id,
    batch: Batch.optional(),
    counted: z.number().min(0).max(1e9).multipleOf(0.001),
  })).max(2000),
});
export type CreateInspectionInput = z.infer<typeof CreateInspectionInput>;

export const Inspection = z.object({
  id: Id,
  warehouseId: Id,
  at: Timestamp,
  byName: z.string().nullable(),
  note: z.string().nullable(),
  lines: z.array(z.object({ itemId: Id, itemName: z.string(), batch: z.string(), expected: z.number(), counted: z.number(), difference: z.number() })),
  adjustments: z.number().int().describe("lines that differed, posted as adjust movements"),
});
export type Inspection = z.infer<typeof Inspection>;

// ---------------------------------------------------------------- shelters

export const ShelterStatusInput = z.strictObject({
  status: z.enum(["ready", "open", "full", "closed"]),
  occupancy: z.number().int().min(0).max(10_000_000).optional().describe("people sheltered now (open); at or above capacity the shelter is full"),
});

export const ShelterInspectionInput = z.strictObject({
  passed: z.boolean(),
  findings: MultiLine(LIMITS.longText).optional(),
  facilitiesOk: z.array(z.enum(Object.keys(SHELTER_FACILITIES) as [string, ...string[]])).max(20).optional(),
});

export const ShelterInspection = z.object({
  id: Id,
  shelterId: Id,
  at: Timestamp,
  byName: z.string().nullable(),
  passed: z.boolean(),
  findings: z.string().nullable(),
  facilitiesOk: z.array(z.string()),
});

export const ShelterCoverage = z.object({
  /** Area per person used for capacities (the SHELTER_M2_PER_PERSON setting). */
  m2PerPerson: z.number(),
  towns: z.array(z.object({
    unitId: Id,
    name: z.string(),
    population: z.number().int(),
    shelters: z.number().int(),
    capacity: z.number().int(),
    /** capacity ÷ population (1 = everyone has a place). */
    ratio: z.number(),
  })),
  total: z.object({ population: z.number().int(), capacity: z.number().int(), ratio: z.number() }),
});
export type ShelterCoverage = z.infer<typeof ShelterCoverage>;

// ---------------------------------------------------------------- map

export const MAP_KINDS = ["teams", "experts", "volunteers", "warehouses", "shelters", "incidents"] as const;
export type MapKind = (typeof MAP_KINDS)[number];
export const NEAREST_KINDS = ["teams", "experts", "volunteers", "warehouses", "shelters"] as const;

const BBox = z.string().regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, "bbox 应为 minLon,minLat,maxLon,maxLat")
  .transform((s) => s.split(",").map(Number) as [number, number, number, number])
  .refine(([a, b, c, d]) => a >= -180 && c <= 180 && b >= -90 && d <= 90 && a <= c && b <= d, "bbox 超出范围或顺序错误");

export const MapLayerParams = z.strictObject({ kind: z.enum(MAP_KINDS) });
export const MapLayerQuery = z.object({
  bbox: BBox.optional().describe("minLon,minLat,maxLon,maxLat (WGS-84)"),
  limit: z.coerce.number().int().min(1).max(50_000).default(20_000),
}).catchall(z.string().max(100)).describe("plus the layer's registry filters (kind, readiness, capabilities…)");

export const Feature = z.object({
  type: z.literal("Feature"),
  geometry: z.object({ type: z.literal("Point"), coordinates: z.tuple([z.number(), z.number()]) }),
  properties: z.object({
    id: Id,
    kind: z.enum(MAP_KINDS),
    name: z.string(),
    /** status / readiness / availability, for the marker colour. */
    status: z.string().nullable(),
    /** The row's declared kind (fire, park…), for the marker icon. */
    subkind: z.string().nullable(),
    /** A few values for the popup, keyed by the registry's field keys (label them from its declaration); incidents: typeName, level, occurredAt, unitName. */
    essentials: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
    href: z.string(),
  }),
});
export const FeatureCollection = z.object({ type: z.literal("FeatureCollection"), features: z.array(Feature), truncated: z.boolean() });
export type FeatureCollection = z.infer<typeof FeatureCollection>;

export const NearestQuery = z.strictObject({
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
  kinds: z.string().regex(/^[a-z]+(,[a-z]+)*$/).default("teams,shelters,warehouses")
    .transform((s) => s.split(","))
    .pipe(z.array(z.enum(NEAREST_KINDS)).min(1)),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  /** teams: able to handle this incident type (capabilities contain it or its parent category). */
  incidentTypeId: Id.optional(),
  ready: z.enum(["true", "false"]).optional().describe("teams: ready only; experts/volunteers: available only"),
  itemId: Id.optional().describe("warehouses: holding this item"),
  minQuantity: z.coerce.number().min(0).max(1e9).optional().describe("warehouses: at least this much of itemId"),
  minFreeCapacity: z.coerce.number().int().min(0).max(10_000_000).optional().describe("shelters: at least this many free places"),
  teamKind: z.enum(Object.keys(TEAM_KINDS) as [string, ...string[]]).optional(),
});
export type NearestQuery = z.infer<typeof NearestQuery>;

export const NearestHit = z.object({
  id: Id,
  name: z.string(),
  lat: z.number(),
  lon: z.number(),
  address: z.string().nullable().describe("address (地址), for finding and navigating to it"),
  /** Straight-line distance, metres. */
  distanceM: z.number(),
  subkind: z.string().nullable(),
  status: z.string().nullable(),
  phone: z.string().nullable(),
  href: z.string(),
  /** warehouses with itemId: the quantity held; shelters: free places. */
  quantity: z.number().nullable(),
});
export type NearestHit = z.infer<typeof NearestHit>;

export const NearestResult = z.object({
  results: z.partialRecord(z.enum(NEAREST_KINDS), z.array(NearestHit)),
});
export type NearestResult = z.infer<typeof NearestResult>;

const Polygon = z.object({ type: z.literal("Polygon"), coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))) });
export const MapBase = z.object({
  district: z.object({ type: z.literal("Feature"), geometry: Polygon, properties: z.object({ id: Id, name: z.string() }) }),
  towns: z.object({
    type: z.literal("FeatureCollection"),
    features: z.array(z.object({ type: z.literal("Feature"), geometry: Polygon, properties: z.object({ id: Id, name: z.string(), kind: z.string(), population: z.number().nullable() }) })),
  }),
  /** [lat, lon] of the district centre. */
  center: z.tuple([z.number(), z.number()]),
  zoom: z.number().int(),
  /** Optional online tile layer (MAP_TILE_URL) and its datum. */
  tileUrl: z.string().optional(),
  tileDatum: z.enum(["wgs84", "gcj02"]),
  tileAttribution: z.string().optional(),
});
export type MapBase = z.infer<typeof MapBase>;

export { Lat, Lon };
