import { CreateMovementInput, MOVEMENT_KINDS, type MovementKind } from "@yingji/contracts";
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Segmented, Select } from "antd";
import { useEffect, useState } from "react";
import { ApiError } from "../../../app/api.ts";
import { showFieldErrors } from "../../../app/form-errors.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { IncidentSelect } from "../../../app/registry/IncidentSelect.tsx";
import type { dayjs } from "../../../app/time.ts";
import { usePostMovement } from "../hooks/useMovements.ts";
import { useResourceOptions } from "../hooks/useResourceOptions.ts";

interface Values {
  warehouseId: string;
  toWarehouseId?: string;
  itemId: string;
  batch?: string;
  quantity: number;
  expiresOn?: dayjs.Dayjs | null;
  reason?: string;
  incidentId?: string | null;
}

/**
 * 出入库登记: in, out, transfer, or adjust (signed difference, with a reason). Stock never
 * goes below zero: the server answers 422 and nothing is written; the message shows here.
 */
export function MovementModal({ open, onClose, preset }: { open: boolean; onClose: () => void; preset?: Partial<Values> & { kind?: MovementKind } }) {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<MovementKind>("in");
  const [refusal, setRefusal] = useState<string | null>(null);
  const post = usePostMovement();
  const options = useResourceOptions();
  const itemId = Form.useWatch("itemId", form);
  const unit = options.items.find((i) => i.value === itemId)?.unit;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setKind(preset?.kind ?? "in");
    setRefusal(null);
    if (preset) form.setFieldsValue(preset);
  }, [open, preset, form]);

  const submit = async (v: Values) => {
    setRefusal(null);
    const input: CreateMovementInput = {
      kind,
      warehouseId: v.warehouseId,
      toWarehouseId: kind === "transfer" ? v.toWarehouseId : undefined,
      itemId: v.itemId,
      batch: v.batch?.trim() || undefined,
      quantity: v.quantity,
      expiresOn: kind === "in" && v.expiresOn ? v.expiresOn.format("YYYY-MM-DD") : undefined,
      reason: v.reason?.trim() || undefined,
      incidentId: v.incidentId || undefined,
    };
    const checked = CreateMovementInput.safeParse(input);
    if (!checked.success) {
      setRefusal(checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("；"));
      return;
    }
    try {
      await post.mutateAsync(checked.data);
      message.success(t("mat.moved"));
      onClose();
    } catch (err) {
      showFieldErrors(form, err);
      setRefusal(err instanceof ApiError ? err.message : (err as Error).message);
    }
  };

  return (
    <Modal
      open={open}
      title={t("mat.movement")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("mat.post")}
      okButtonProps={{ loading: post.isPending, "data-testid": "mv-submit" }}
      width={640}
      destroyOnHidden
    >
      <Segmented
        block
        value={kind}
        onChange={(k) => setKind(k as MovementKind)}
        options={(Object.keys(MOVEMENT_KINDS) as MovementKind[]).map((k) => ({ value: k, label: l(MOVEMENT_KINDS[k]) }))}
        style={{ marginBottom: 16 }}
        data-testid="mv-kind"
      />
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="mv-error" />}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="mv-form">
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="warehouseId" label={kind === "transfer" ? t("mat.fromWarehouse") : t("mat.warehouse")} rules={[{ required: true, message: t("reg.required") }]}>
              <Select showSearch={{ optionFilterProp: "label" }} options={options.warehouses} loading={options.loading} data-testid="mv-warehouse" />
            </Form.Item>
          </Col>
          {kind === "transfer" && (
            <Col xs={24} sm={12}>
              <Form.Item name="toWarehouseId" label={t("mat.toWarehouse")} rules={[{ required: true, message: t("reg.required") }]}>
                <Select showSearch={{ optionFilterProp: "label" }} options={options.warehouses} data-testid="mv-to-warehouse" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={12}>
            <Form.Item name="itemId" label={t("mat.item")} rules={[{ required: true, message: t("reg.required") }]}>
              <Select showSearch={{ optionFilterProp: "label" }} options={options.items} loading={options.loading} data-testid="mv-item" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="quantity" label={kind === "adjust" ? t("mat.difference") : t("mat.quantity")} rules={[{ required: true, message: t("reg.required") }]}
              tooltip={kind === "adjust" ? t("mat.differenceHelp") : undefined}>
              <InputNumber min={kind === "adjust" ? -1e9 : 0.001} max={1e9} style={{ width: "100%" }} suffix={unit} data-testid="mv-quantity" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="batch" label={t("mat.batch")}>
              <Input maxLength={100} data-testid="mv-batch" />
            </Form.Item>
          </Col>
          {kind === "in" && (
            <Col xs={24} sm={12}>
              <Form.Item name="expiresOn" label={t("mat.expiresOn")}>
                <DatePicker style={{ width: "100%" }} data-testid="mv-expires" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={kind === "in" ? 12 : 24}>
            <Form.Item name="reason" label={t("mat.reason")} rules={kind === "out" || kind === "adjust" ? [{ required: true, whitespace: true, message: t("mat.reasonRequired") }] : []}>
              <Input maxLength={200} placeholder={kind === "out" ? t("mat.reasonOutPh") : undefined} data-testid="mv-reason" />
            </Form.Item>
          </Col>
          {kind === "out" && (
            <Col xs={24}>
              <Form.Item name="incidentId" label={t("mat.incident")}>
                <IncidentSelect testId="mv-incident" />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
