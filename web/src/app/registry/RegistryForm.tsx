import type { RegistryDecl } from "@yingji/contracts/registry";
import { EnvironmentOutlined } from "@ant-design/icons";
import { App, Button, Col, Drawer, Form, Input, InputNumber, Row } from "antd";
import { lazy, Suspense, useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError } from "../api.ts";
import { useMe } from "../auth/useMe.ts";
import { showFieldErrors } from "../form-errors.ts";
import { useI18n } from "../i18n/useI18n.ts";
import { UnitTreeSelect } from "../../modules/org/components/UnitTreeSelect.tsx";
import { FieldGrid } from "./FieldItem.tsx";
import { REGISTRY_KEYS } from "./registry.keys.ts";
import type { RegistryRow } from "./registry.types.ts";
import { useSaveRecord } from "./useRegistryWrite.ts";

const LocationPickerModal = lazy(() => import("../../modules/map/components/LocationPickerModal.tsx"));

/** "" means "nothing typed": null (inside rows too). */
function clean(v: unknown): unknown {
  if (v === "" || v === undefined) return null;
  if (Array.isArray(v)) return v.map(clean);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x)]));
  return v;
}

/**
 * A create sends what was typed. An update sends only what changed (PATCH): an untouched
 * field is not sent back, so a number shown masked (138****1234) to a role that may not
 * see it in full is kept as it is on the server rather than refused as malformed.
 */
function bodyOf(values: Record<string, unknown>, record: RegistryRow | null | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const c = clean(v);
    if (!record) {
      if (c !== null) body[k] = c;
    } else if (JSON.stringify(c) !== JSON.stringify(clean(record[k]))) body[k] = c;
  }
  return body;
}

interface Props {
  decl: RegistryDecl;
  /** The record to edit; none: a new one. */
  record?: RegistryRow | null;
  open: boolean;
  onClose: () => void;
  onSaved?: (row: RegistryRow) => void;
}

/**
 * The form of a registry record, generated from its declaration: owning unit, name,
 * location, then every declared field with the contracts' own checks. The server's 400
 * lands under the field it names; a 409 (someone saved first) reloads the record.
 */
export function RegistryForm({ decl, record, open, onClose, onSaved }: Props) {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const save = useSaveRecord(decl);
  const [form] = Form.useForm();
  const [picking, setPicking] = useState(false);
  const fields = Object.entries(decl.fields).filter(([, f]) => f.kind !== "files");
  const tp = `${decl.key}-form`;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (record) {
      const initial: Record<string, unknown> = { unitId: record.unitId, name: record.name };
      if (decl.located) Object.assign(initial, { lat: record.lat, lon: record.lon, address: record.address });
      for (const [k] of fields) initial[k] = record[k];
      form.setFieldsValue(initial);
    } else {
      form.setFieldsValue({ unitId: me?.unitId });
    }
  }, [open, record]);

  const submit = async (values: Record<string, unknown>) => {
    const body = bodyOf(values, record);
    if (record) body.version = record.version;
    try {
      const row = await save.mutateAsync({ id: record?.id, body });
      message.success(t("common.saved"));
      onSaved?.(row);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        message.error(t("reg.conflict"));
        if (record) void qc.invalidateQueries({ queryKey: REGISTRY_KEYS.one(decl.key, record.id) });
        return;
      }
      showFieldErrors(form, err);
      message.error((err as Error).message);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={`${record ? t("common.edit") : t("reg.create")} · ${l(decl.label)}`}
      size={Math.min(760, typeof window === "undefined" ? 760 : window.innerWidth)}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid={`${tp}-submit`}>
          {t("common.save")}
        </Button>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid={tp} scrollToFirstError>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t("reg.name")} rules={[{ required: true, whitespace: true, message: t("reg.required") }, { max: 100 }]}>
              <Input maxLength={100} data-testid={`${tp}-name`} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="unitId" label={t("reg.unit")} rules={[{ required: true, message: t("reg.required") }]}>
              <UnitTreeSelect style={{ width: "100%" }} testId={`${tp}-unit`} />
            </Form.Item>
          </Col>
        </Row>
        {decl.located && (
          <Row gutter={12}>
            <Col xs={12} sm={6}>
              <Form.Item name="lat" label={t("reg.lat")} rules={[{ required: true, message: t("reg.required") }]}>
                <InputNumber min={-90} max={90} step={0.0001} precision={6} style={{ width: "100%" }} data-testid={`${tp}-lat`} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name="lon" label={t("reg.lon")} rules={[{ required: true, message: t("reg.required") }]}>
                <InputNumber min={-180} max={180} step={0.0001} precision={6} style={{ width: "100%" }} data-testid={`${tp}-lon`} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="address" label={t("reg.address")} rules={[{ max: 200 }]}>
                <Input
                  maxLength={200}
                  data-testid={`${tp}-address`}
                  addonAfter={
                    <Button type="link" size="small" icon={<EnvironmentOutlined />} onClick={() => setPicking(true)} data-testid={`${tp}-pick`} style={{ padding: 0, height: "auto" }}>
                      {t("reg.pickOnMap")}
                    </Button>
                  }
                />
              </Form.Item>
            </Col>
          </Row>
        )}
        {picking && (
          <Suspense fallback={null}>
            <LocationPickerModal
              open
              initial={form.getFieldValue("lat") != null && form.getFieldValue("lon") != null ? { lat: form.getFieldValue("lat"), lon: form.getFieldValue("lon") } : null}
              onClose={() => setPicking(false)}
              onPick={(o) => {
                form.setFieldsValue({ lat: o.lat, lon: o.lon });
                setPicking(false);
              }}
            />
          </Suspense>
        )}
        <FieldGrid fields={fields} testPrefix={tp} />
      </Form>
    </Drawer>
  );
}
