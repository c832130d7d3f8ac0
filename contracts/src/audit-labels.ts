/**
 * What each audited action means, in Chinese and English: the auditor reads labels, not codes,
 * and the audit filter takes a label ("登录") as well as a code. One dictionary for the console
 * and the server; server/src/platform/audit-labels.test.ts fails when an action the server
 * writes has no label here.
 */
import { DUTY_LOG_KIND_LABELS } from "./duty.ts";

export interface AuditLabel {
  zh: string;
  en: string;
}

/** Registries write <entity>.create/update/deactivate/import (server/src/platform/registry.ts). */
const REGISTRY_ENTITIES = [
  ["team", "救援队伍", "rescue team"],
  ["expert", "专家", "expert"],
  ["volunteer", "志愿者", "volunteer"],
  ["warehouse", "物资仓库", "warehouse"],
  ["material_item", "物资目录", "catalogue item"],
  ["requisition", "征用记录", "requisition"],
  ["shelter", "避难场所", "shelter"],
] as const;

export const AUDIT_ACTION_LABELS: Record<string, AuditLabel> = {
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
  "incidents.create": { zh: "事件初报", en: "Initial report" },
  "incidents.report.followup": { zh: "事件续报", en: "Follow-up report" },
  "incidents.report.final": { zh: "事件终报", en: "Final report" },
  "incidents.report.forward": { zh: "审核转报", en: "Forwarded report" },
  "incidents.report.attach": { zh: "上传报告附件", en: "Attached file to report" },
  "incidents.instruct": { zh: "领导批示", en: "Instruction" },
  "incidents.rules.update": { zh: "修改报送时限", en: "Edited report deadlines" },
  "incidents.level_rules.update": { zh: "修改分级标准", en: "Edited level thresholds" },
  "warnings.draft": { zh: "拟制预警", en: "Drafted warning" },
  "warnings.update_draft": { zh: "修改预警草稿", en: "Edited warning draft" },
  "warnings.submit": { zh: "提交签发", en: "Submitted for release" },
  "warnings.withdraw": { zh: "撤回签发申请", en: "Withdrew submission" },
  "warnings.reject": { zh: "退回预警", en: "Rejected warning" },
  "warnings.release": { zh: "签发预警", en: "Released warning" },
  "warnings.revise": { zh: "变更预警", en: "Revised warning" },
  "warnings.cancel": { zh: "解除预警", en: "Cancelled warning" },
  "warnings.expire": { zh: "预警到期失效", en: "Warning expired" },
  "warnings.escalate": { zh: "预警未签收催办", en: "Escalated unacknowledged warning" },
  "warnings.ack": { zh: "签收预警", en: "Acknowledged warning" },
  "notifications.mute": { zh: "设置提醒免打扰", en: "Changed muted notification kinds" },
  "warnings.feedback": { zh: "反馈响应措施", en: "Reported response measures" },
  "warnings.call_done": { zh: "完成电话催办", en: "Completed follow-up call" },
  "warnings.import": { zh: "接收预警（CAP）", en: "Received warning (CAP)" },
  "warnings.feed.create": { zh: "新增预警来源", en: "Added warning feed" },
  "warnings.feed.update": { zh: "修改预警来源", en: "Edited warning feed" },
  "warnings.feed.delete": { zh: "删除预警来源", en: "Deleted warning feed" },
  "duty.shift.create": { zh: "新增班次", en: "Added shift" },
  "duty.shift.update": { zh: "修改班次", en: "Edited shift" },
  "duty.shift.generate": { zh: "生成排班", en: "Generated roster" },
  "duty.shift.swap": { zh: "调班", en: "Swapped shifts" },
  "duty.swap.request": { zh: "申请调班", en: "Requested swap" },
  "duty.swap.approve": { zh: "批准调班", en: "Approved swap" },
  "duty.swap.reject": { zh: "驳回调班", en: "Rejected swap" },
  "duty.key_period.create": { zh: "新增重点时段", en: "Added key period" },
  "duty.key_period.update": { zh: "修改重点时段", en: "Edited key period" },
  "duty.spot_check.create": { zh: "值班抽查", en: "Spot check" },
  "duty.spot_check.draw": { zh: "抽取抽查单位", en: "Drew units to check" },
  ...Object.fromEntries(Object.entries(DUTY_LOG_KIND_LABELS).map(([k, v]) => [`duty.log.${k}`, { zh: `值班记录：${v.zh}`, en: `Duty log: ${v.en}` }])),
  ...Object.fromEntries(
    REGISTRY_ENTITIES.flatMap(([entity, zh, en]) => [
      [`${entity}.create`, { zh: `新增${zh}`, en: `Added ${en}` }],
      [`${entity}.update`, { zh: `修改${zh}`, en: `Edited ${en}` }],
      [`${entity}.deactivate`, { zh: `停用${zh}`, en: `Deactivated ${en}` }],
      [`${entity}.import`, { zh: `导入${zh}`, en: `Imported ${en}` }],
    ]),
  ),
  "requisition.document": { zh: "上传征用单据", en: "Attached requisition document" },
  "stock.in": { zh: "物资入库", en: "Stock in" },
  "stock.out": { zh: "物资出库", en: "Stock out" },
  "stock.transfer": { zh: "物资调拨", en: "Stock transfer" },
  "stock.adjust": { zh: "库存调整", en: "Stock adjustment" },
  "stock.minimum": { zh: "设置最低储备", en: "Set minimum reserve" },
  "warehouse.inspect": { zh: "仓库盘点", en: "Warehouse inspection" },
  "shelter.inspect": { zh: "避难场所检查", en: "Shelter inspection" },
  "shelter.status": { zh: "避难场所状态", en: "Shelter status" },
};

export const AUDIT_ENTITY_LABELS: Record<string, AuditLabel> = {
  org_unit: { zh: "单位", en: "Unit" },
  person: { zh: "人员", en: "Person" },
  user: { zh: "用户", en: "User" },
  responsibility: { zh: "责任矩阵", en: "Responsibility" },
  incident: { zh: "事件", en: "Incident" },
  incident_report_rules: { zh: "报送时限", en: "Report deadlines" },
  incident_level_rules: { zh: "分级标准", en: "Level thresholds" },
  warning: { zh: "预警", en: "Warning" },
  warning_feed: { zh: "预警来源", en: "Warning feed" },
  warning_call_task: { zh: "电话催办", en: "Follow-up call" },
  duty_shift: { zh: "班次", en: "Shift" },
  duty_swap: { zh: "调班", en: "Swap" },
  duty_log: { zh: "值班记录", en: "Duty log" },
  duty_key_period: { zh: "重点时段", en: "Key period" },
  duty_spot_check: { zh: "值班抽查", en: "Spot check" },
  duty_spot_check_draw: { zh: "抽查抽取", en: "Spot-check draw" },
  stock_movement: { zh: "库存变动", en: "Stock movement" },
  ...Object.fromEntries(REGISTRY_ENTITIES.map(([entity, zh, en]) => [entity, { zh, en: en[0].toUpperCase() + en.slice(1) }])),
};

/**
 * The action codes a filter text stands for: codes starting with it (as before), and every code
 * whose Chinese or English label contains it ("登录" → auth.login, auth.login_failed).
 */
export function auditActionsMatching(text: string): string[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  return Object.entries(AUDIT_ACTION_LABELS)
    .filter(([code, l]) => code.startsWith(needle) || l.zh.toLowerCase().includes(needle) || l.en.toLowerCase().includes(needle))
    .map(([code]) => code);
}
