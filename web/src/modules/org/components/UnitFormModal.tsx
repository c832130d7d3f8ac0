import { showFieldErrors } from "../../../app/form-errors.ts";
import { LIMITS, Phone, type Unit } from "@yingji/contracts";
import { Form, Input, InputNumber, Modal, Select } from "antd";
import { useEffect } from "react";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { notifySuccess } from "../../../app/notify.ts";
import { zodRule } from "../../../app/zod-rule.ts";
import { useCreateUnit } from "../hooks/useCreateUnit.ts";
import { useUnitKinds } from "../hooks/useUnitKinds.ts";
import { useUpdateUnit } from "../hooks/useUpdateUnit.ts";
import { defaultChildKind } from "../unit-kind-default.ts";

interface Values {
  kind: string;
  name: string;
  code?: string;
  dutyPhone?: string;
  address?: string;
  population?: number | null;
  lat?: number | null;
  lon?: number | null;
  sort?: number;
}

/** Creating a child of `parent`, or editing `unit`. */
export type UnitFormTarget = { mode: "create"; parent: Unit } | { mode: "edit"; unit: Unit };

const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

export function UnitFormModal({ target, onClose, onSaved }: { target: UnitFormTarget | null; onClose: () => void; onSaved?: (u: Unit) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const kinds = useUnitKinds();
  const create = useCreateUnit();
  const update = useUpdateUnit();

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === "edit") {
      const u = target.unit;
      form.setFieldsValue({
        kind: u.kind,
        name: u.name,
        code: u.code ?? undefined,
        dutyPhone: u.dutyPhone ?? undefined,
        address: u.address ?? undefined,
        population: u.population,
        lat: u.lat,
        lon: u.lon,
        sort: u.sort,
      });
    }
  }, [target, form]);

  const parentLevel = target?.mode === "create" ? kinds.data?.find((k) => k.code === target.parent.kind)?.level : undefined;
  const allowedKinds = (kinds.data ?? []).filter((k) => parentLevel === undefined || k.level > parentLevel);
  const kindOptions = allowedKinds.map((k) => ({ value: k.code, label: lang === "zh" ? k.name : k.nameEn }));

  // A new unit starts as the kind usually found under its parent: 镇 under 区, 村 under 镇, 社区 under 街道.
  const suggestedKind = target?.mode === "create" ? defaultChildKind(target.parent.kind, allowedKinds) : undefined;
  useEffect(() => {
    if (target?.mode === "create" && suggestedKind && !form.getFieldValue("kind")) form.setFieldValue("kind", suggestedKind);
  }, [target, suggestedKind, form]);

  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    const fields = {
      name: v.name.trim(),
      code: orNull(v.code),
      dutyPhone: orNull(v.dutyPhone),
      address: orNull(v.address),
      population: v.population ?? null,
      lat: v.lat ?? null,
      lon: v.lon ?? null,
      ...(v.sort !== undefined && v.sort !== null ? { sort: v.sort } : {}),
    };
    const saved =
      target.mode === "create"
        ? await create.mutateAsync({ parentId: target.parent.id, kind: v.kind, ...fields })
        : await update.mutateAsync({ id: target.unit.id, input: { version: target.unit.version, kind: v.kind, ...fields } });
    notifySuccess(t("common.saved"));
    onSaved?.(saved);
    onClose();
  };

  return (
    <Modal
      open={!!target}
      title={target?.mode === "create" ? t("unit.createChildOf", { name: target.parent.name }) : t("unit.edit")}
      onCancel={onClose}
      onOk={() => void submit().catch((err: unknown) => showFieldErrors(form, err))}
      okText={t("common.save")}
      okButtonProps={{ loading: create.isPending || update.isPending, "data-testid": "unit-form-submit" }}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" data-testid="unit-form" requiredMark>
        <div className="form-grid">
          <Form.Item name="kind" label={t("unit.kind")} rules={[{ required: true }]}>
            <Select options={kindOptions} loading={kinds.isLoading} data-testid="unit-form-kind" />
          </Form.Item>
          <Form.Item name="name" label={t("unit.name")} rules={[{ required: true, whitespace: true }, { max: LIMITS.name }]}>
            <Input maxLength={LIMITS.name} data-testid="unit-form-name" />
          </Form.Item>
          <Form.Item name="code" label={t("unit.code")} rules={[{ max: 32 }]} extra={t("unit.codeHelp")}>
            <Input maxLength={32} data-testid="unit-form-code" />
          </Form.Item>
          <Form.Item name="dutyPhone" label={t("unit.dutyPhone")} rules={[zodRule(Phone)]}>
            <Input maxLength={LIMITS.phone} placeholder="0519-88888888" data-testid="unit-form-dutyPhone" />
          </Form.Item>
        </div>
        <Form.Item name="address" label={t("unit.address")} rules={[{ max: LIMITS.shortText }]}>
          <Input maxLength={LIMITS.shortText} data-testid="unit-form-address" />
        </Form.Item>
        <div className="form-grid form-grid-4">
          <Form.Item name="population" label={t("unit.population")}>
            <InputNumber min={0} max={100_000_000} precision={0} style={{ width: "100%" }} data-testid="unit-form-population" />
          </Form.Item>
          <Form.Item name="lat" label={t("unit.lat")}>
            <InputNumber min={-90} max={90} step={0.000001} style={{ width: "100%" }} data-testid="unit-form-lat" />
          </Form.Item>
          <Form.Item name="lon" label={t("unit.lon")}>
            <InputNumber min={-180} max={180} step={0.000001} style={{ width: "100%" }} data-testid="unit-form-lon" />
          </Form.Item>
          <Form.Item name="sort" label={t("unit.sort")}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: "100%" }} data-testid="unit-form-sort" />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
