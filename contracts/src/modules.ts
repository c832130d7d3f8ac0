/**
 * The modules of the architecture, in navigation order. `built` says whether the
 * console has its pages yet; unbuilt modules show as disabled menu entries.
 */
export const MODULES = [
  { key: "dashboard", zh: "首页", en: "Dashboard", built: true },
  { key: "org", zh: "组织体系", en: "Organisation", built: true },
  { key: "duty", zh: "值班值守", en: "Duty", built: true },
  { key: "incidents", zh: "信息报送", en: "Incident reports", built: true },
  { key: "warnings", zh: "预警发布", en: "Early warning", built: true },
  { key: "hazards", zh: "风险隐患", en: "Hazards", built: false },
  { key: "plans", zh: "应急预案", en: "Plans", built: false },
  { key: "drills", zh: "应急演练", en: "Drills", built: false },
  { key: "response", zh: "指挥联动", en: "Response", built: false },
  { key: "map", zh: "一张图", en: "Map", built: true },
  { key: "teams", zh: "救援队伍", en: "Teams", built: true },
  { key: "materials", zh: "物资储备", en: "Materials", built: true },
  { key: "shelters", zh: "避难场所", en: "Shelters", built: true },
  { key: "assessment", zh: "考核评估", en: "Assessment", built: false },
  { key: "outreach", zh: "宣教培训", en: "Outreach", built: false },
] as const;
export type ModuleKey = (typeof MODULES)[number]["key"];
