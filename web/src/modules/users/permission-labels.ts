import type { Permission } from "@yingji/contracts";

/**
 * Readable names of the permissions in the contracts' table (shown in the read-only matrix).
 * Partial on purpose: a permission the server adds before it is named here shows as its code
 * (the matrix falls back to it) instead of breaking the web's type check.
 */
export const PERMISSION_LABELS: Partial<Record<Permission, { zh: string; en: string }>> = {
  "org.read": { zh: "查看组织体系", en: "Read the organisation" },
  "org.units.write": { zh: "新建、编辑、停用单位", en: "Create, edit, deactivate units" },
  "org.units.move": { zh: "调整单位隶属关系", en: "Move units" },
  "org.checklist.write": { zh: "填报六落实及佐证材料", en: "Fill in the six-in-place checklist" },
  "org.responsibilities.write": { zh: "维护责任矩阵", en: "Edit the responsibility matrix" },
  "people.read": { zh: "查看应急通讯录（号码脱敏）", en: "Read contacts (masked)" },
  "people.write": { zh: "新增、编辑人员", en: "Add and edit people" },
  "people.unmask": { zh: "查看完整号码（留痕）", en: "Reveal phone numbers (audited)" },
  "duty.read": { zh: "查看排班、在岗情况、值班日志和抽查结果", en: "Read rosters, who is on duty, duty logs, spot checks" },
  "duty.manage": { zh: "管理排班、重点时段和换班审批", en: "Manage rosters, key periods and swaps" },
  "duty.log": { zh: "填写值班日志、签到签退、申请换班", en: "Write the duty log, sign in and out, request swaps" },
  "duty.spotcheck": { zh: "值班抽查及通报导出", en: "Spot-check duty rooms and export the notice" },
  "incidents.read": { zh: "查看突发事件、报送链、统计和专报", en: "Read incidents, report chains, statistics" },
  "incidents.report": { zh: "报送突发事件（初报、续报、终报）", en: "Report incidents (initial, follow-up, final)" },
  "incidents.forward": { zh: "审核并向上级续转报告", en: "Review and forward reports upward" },
  "incidents.instruct": { zh: "领导批示", en: "Add a leader's instruction" },
  "incidents.rules": { zh: "设置报送时限规则", en: "Set the reporting-deadline rules" },
  "users.manage": { zh: "管理用户与角色", en: "Manage users and roles" },
  "audit.read": { zh: "查看审计日志、校验完整性", en: "Read and verify the audit log" },
};
