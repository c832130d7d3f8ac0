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
  // Resources (issue 5): every registry writes <entity>.create/update/deactivate/import.
  ...Object.fromEntries(
    (
      [
        ["team", "救援队伍", "team"],
        ["expert", "专家", "expert"],
        ["volunteer", "志愿者", "volunteer"],
        ["warehouse", "物资仓库", "warehouse"],
        ["material_item", "物资目录", "catalogue item"],
        ["requisition", "征用记录", "requisition"],
        ["shelter", "避难场所", "shelter"],
      ] as const
    ).flatMap(([entity, zh, en]) => [
      [`${entity}.create`, { zh: `新增${zh}`, en: `Added ${en}` }],
      [`${entity}.update`, { zh: `修改${zh}`, en: `Edited ${en}` }],
      [`${entity}.deactivate`, { zh: `停用${zh}`, en: `Deactivated ${en}` }],
      [`${entity}.import`, { zh: `导入${zh}`, en: `Imported ${en}` }],
    ]),
  ),
  "stock.in": { zh: "物资入库", en: "Stock in" },
  "stock.out": { zh: "物资出库", en: "Stock out" },
  "stock.transfer": { zh: "物资调拨", en: "Stock transfer" },
  "stock.adjust": { zh: "库存调整", en: "Stock adjustment" },
  "stock.minimum": { zh: "设置最低储备", en: "Set minimum reserve" },
  "warehouse.inspect": { zh: "仓库盘点", en: "Warehouse inspection" },
  "shelter.inspect": { zh: "避难场所检查", en: "Shelter inspection" },
  "shelter.status": { zh: "避难场所状态", en: "Shelter status" },
};

export const AUDIT_ENTITY_LABELS: Record<string, Bilingual> = {
  org_unit: { zh: "单位", en: "Unit" },
  person: { zh: "人员", en: "Person" },
  user: { zh: "用户", en: "User" },
  responsibility: { zh: "责任矩阵", en: "Responsibility" },
  team: { zh: "救援队伍", en: "Rescue team" },
  expert: { zh: "专家", en: "Expert" },
  volunteer: { zh: "志愿者", en: "Volunteer" },
  warehouse: { zh: "物资仓库", en: "Warehouse" },
  material_item: { zh: "物资目录", en: "Catalogue item" },
  requisition: { zh: "征用补偿", en: "Requisition" },
  shelter: { zh: "避难场所", en: "Shelter" },
};
