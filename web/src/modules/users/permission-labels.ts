import type { Permission } from "@yingji/contracts";

/** Readable names of the permissions in the contracts' table (shown in the read-only matrix). */
export const PERMISSION_LABELS: Record<Permission, { zh: string; en: string }> = {
  "org.read": { zh: "查看组织体系", en: "Read the organisation" },
  "org.units.write": { zh: "新建、编辑、停用单位", en: "Create, edit, deactivate units" },
  "org.units.move": { zh: "调整单位隶属关系", en: "Move units" },
  "org.checklist.write": { zh: "填报六落实及佐证材料", en: "Fill in the six-in-place checklist" },
  "org.responsibilities.write": { zh: "维护责任矩阵", en: "Edit the responsibility matrix" },
  "people.read": { zh: "查看应急通讯录（号码脱敏）", en: "Read contacts (masked)" },
  "people.write": { zh: "新增、编辑人员", en: "Add and edit people" },
  "people.unmask": { zh: "查看完整号码（留痕）", en: "Reveal phone numbers (audited)" },
  "users.manage": { zh: "管理用户与角色", en: "Manage users and roles" },
  "audit.read": { zh: "查看审计日志、校验完整性", en: "Read and verify the audit log" },
};
