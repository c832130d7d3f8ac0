import type { Bilingual } from "../../app/i18n/lang.ts";

/** What each audited action means, for reading the log; the code stays visible and is what the filter takes. */
export const AUDIT_ACTION_LABELS: Record<string, Bilingual> = {
  "auth.login": { zh: "登录", en: "Signed in" },
  "auth.login_failed": { zh: "登录失败", en: "Sign-in failed" },
  "auth.logout": { zh: "退出登录", en: "Signed out" },
  "auth.logout_all": { zh: "退出所有设备", en: "Signed out everywhere" },
  "auth.password_change": { zh: "修改密码", en: "Changed password" },
  "auth.totp_enable": { zh: "启用动态口令", en: "Enabled 2FA" },
  "org.unit.create": { zh: "新建单位", en: "Created unit" },
  "org.unit.update": { zh: "修改单位", en: "Edited unit" },
  "org.unit.deactivate": { zh: "停用单位", en: "Deactivated unit" },
  "org.unit.move": { zh: "调整隶属", en: "Moved unit" },
  "org.unit.import": { zh: "导入单位", en: "Imported units" },
  "org.checklist.update": { zh: "更新六落实", en: "Updated six-in-place" },
  "org.checklist.evidence_add": { zh: "上传佐证材料", en: "Uploaded evidence" },
  "org.responsibility.create": { zh: "添加责任单位", en: "Added responsibility" },
  "org.responsibility.update": { zh: "修改职责", en: "Edited responsibility" },
  "org.responsibility.delete": { zh: "移除责任单位", en: "Removed responsibility" },
  "people.create": { zh: "新增人员", en: "Added person" },
  "people.update": { zh: "修改人员", en: "Edited person" },
  "people.import": { zh: "导入人员", en: "Imported people" },
  "people.unmask": { zh: "查看完整号码", en: "Revealed numbers" },
  "people.export_unmasked": { zh: "导出完整号码", en: "Exported numbers" },
  "users.create": { zh: "新建用户", en: "Created user" },
  "users.update": { zh: "修改用户", en: "Edited user" },
  "users.password_reset_cli": { zh: "命令行重置密码", en: "Password reset (CLI)" },
  "system.seed_demo": { zh: "初始化演示数据", en: "Seeded demo data" },
};

export const AUDIT_ENTITY_LABELS: Record<string, Bilingual> = {
  org_unit: { zh: "单位", en: "Unit" },
  person: { zh: "人员", en: "Person" },
  user: { zh: "用户", en: "User" },
  responsibility: { zh: "责任矩阵", en: "Responsibility" },
};
