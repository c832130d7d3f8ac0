import {
  TARGET_ROLES, WARNING_CHANNELS, WARNING_LEVELS, type CreateWarningInput, type Warning, type WarningArea, type WarningPreview, type WarningTargetSpec,
} from "@yingji/contracts";
import { Alert, Button, Checkbox, Col, DatePicker, Divider, Drawer, Flex, Form, Input, Radio, Row, Switch, message } from "antd";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { api, ApiError } from "../../../app/api.ts";
import { showFieldErrors } from "../../../app/form-errors.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { dayjs, TZ } from "../../../app/time.ts";
import { TypeTreeSelect } from "../../incidents/components/TypeTreeSelect.tsx";
import { usePreview } from "../hooks/usePreview.ts";
import { useSaveDraft } from "../hooks/useSaveDraft.ts";
import { LEVEL_COLORS } from "../warnings.labels.ts";
import { PreviewPanel } from "./PreviewPanel.tsx";
import { polygonsToText, textToPolygons } from "./polygon-text.ts";
import { UnitsPicker } from "./UnitsPicker.tsx";

interface Values {
  level: Warning["level"];
  incidentTypeId?: string;
  headline: string;
  description: string;
  instruction?: string;
  areaDescription?: string;
  areaUnitIds: string[];
  polygons?: string;
  effectiveAt: dayjs.Dayjs;
  expiresAt: dayjs.Dayjs;
  public: boolean;
  exercise: boolean;
  targetUnitIds: string[];
  inArea: boolean;
  roles: WarningTargetSpec["roles"];
  channels: WarningTargetSpec["channels"];
}

/** What the drawer starts from: nothing (a new warning), a received warning (转发), or a draft to edit. */
export type DraftSource = { kind: "new" } | { kind: "relay"; of: Warning } | { kind: "edit"; draft: Warning };

const iso = (d: dayjs.Dayjs) => d.format("YYYY-MM-DDTHH:mm:ssZ");

function initialValues(source: DraftSource): Partial<Values> {
  const now = dayjs().tz(TZ).second(0);
  const base = source.kind === "relay" ? source.of : source.kind === "edit" ? source.draft : null;
  const targets = source.kind === "edit" ? source.draft.targets : null;
  return {
    level: base?.level ?? "yellow",
    incidentTypeId: base?.incidentTypeId ?? undefined,
    headline: base?.headline ?? "",
    description: base?.description ?? "",
    instruction: base?.instruction ?? "",
    areaDescription: base?.area.description ?? "",
    areaUnitIds: base?.area.unitIds ?? [],
    polygons: base ? polygonsToText(base.area.polygons) : "",
    effectiveAt: base && dayjs(base.effectiveAt).isAfter(now) ? dayjs(base.effectiveAt).tz(TZ) : now,
    expiresAt: base ? dayjs(base.expiresAt).tz(TZ) : now.add(24, "hour"),
    // Not public unless the alert it relays was: publishing is a decision, not a default.
    public: base?.public ?? false,
    exercise: base?.exercise ?? false,
    targetUnitIds: targets?.unitIds ?? [],
    inArea: targets?.inArea ?? false,
    roles: targets?.roles ?? [],
    channels: targets?.channels ?? ["inapp", "sms"],
  };
}

/**
 * 拟制预警: the warning's content, its area and its targets, with the preview of people and
 * units it reaches; saved as a draft, or saved and submitted for release by a second person.
 */
export function DraftDrawer({ source, onClose }: { source: DraftSource | null; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const save = useSaveDraft();
  const preview = usePreview();
  const [previewed, setPreviewed] = useState<{ key: string; result: WarningPreview } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editId = source?.kind === "edit" ? source.draft.id : undefined;
  const watched = Form.useWatch([], form) as Values | undefined;

  useEffect(() => {
    if (source) {
      form.resetFields();
      form.setFieldsValue(initialValues(source));
      setPreviewed(null);
      setError(null);
    }
  }, [source, form]);

  const circles = source?.kind === "relay" ? source.of.area.circles : source?.kind === "edit" ? source.draft.area.circles : [];
  /** The area and targets as the API takes them, or the number of the polygon line that does not parse. */
  const parse = (v: Values): { area: WarningArea; targets: WarningTargetSpec } | { badLine: number } => {
    const parsed = textToPolygons(v.polygons ?? "");
    if ("badLine" in parsed) return parsed;
    return {
      area: { description: (v.areaDescription ?? "").trim(), polygons: parsed.polygons, circles, unitIds: v.areaUnitIds ?? [] },
      targets: { unitIds: v.targetUnitIds ?? [], inArea: !!v.inArea, roles: v.roles ?? [], channels: v.channels ?? [] },
    };
  };
  const build = (v: Values) => {
    const parsed = parse(v);
    if (!("badLine" in parsed)) return parsed;
    form.setFields([{ name: "polygons", errors: [t("warn.polygonsBad", { n: parsed.badLine })] }]);
    return null;
  };
  const keyOf = (x: { area: WarningArea; targets: WarningTargetSpec }) => JSON.stringify(x);

  const runPreview = async () => {
    const v = form.getFieldsValue(true) as Values;
    const built = build(v);
    if (!built) return;
    const result = await preview.mutateAsync(built).catch(() => null);
    if (result) setPreviewed({ key: keyOf(built), result });
  };

  const saveWith = async (andSubmit: boolean) => {
    setError(null);
    const v = await form.validateFields();
    const built = build(v);
    if (!built) return;
    if (andSubmit && previewed?.key !== keyOf(built)) {
      setError(t("warn.previewNeeded"));
      return;
    }
    const content = {
      level: v.level, incidentTypeId: v.incidentTypeId ?? null, headline: v.headline.trim(), description: v.description.trim(),
      instruction: (v.instruction ?? "").trim(), area: built.area, effectiveAt: iso(v.effectiveAt), expiresAt: iso(v.expiresAt), public: v.public,
      targets: built.targets,
    };
    try {
      const saved = editId
        ? await save.mutateAsync({ id: editId, input: { ...content, version: (source as { draft: Warning }).draft.version } })
        : await save.mutateAsync({ input: { ...content, exercise: v.exercise, ...(source?.kind === "relay" ? { relayOfId: source.of.id } : {}) } satisfies CreateWarningInput });
      if (andSubmit) {
        await api(`/api/warnings/${saved.id}/submit`, { body: { version: saved.version } });
        void message.success(t("warn.submitted"));
      } else {
        void message.success(t("common.saved"));
      }
      onClose();
      navigate(`/warnings/${saved.id}`);
    } catch (err) {
      showFieldErrors(form, err);
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  const title = source?.kind === "edit" ? t("warn.editDraft") : source?.kind === "relay" ? `${t("warn.relay")} · ${source.of.headline}` : t("warn.draftTitle");
  return (
    <Drawer
      open={!!source}
      onClose={onClose}
      title={title}
      size={880}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={() => void saveWith(false).catch(() => {})} loading={save.isPending} data-testid="warn-save-draft">{t("warn.saveDraft")}</Button>
          <Button type="primary" onClick={() => void saveWith(true).catch(() => {})} loading={save.isPending} data-testid="warn-save-submit">{t("warn.saveAndSubmit")}</Button>
        </Flex>
      }
    >
      {source?.kind === "relay" && <Alert type="info" showIcon title={t("warn.relayHelp")} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="warn-draft-error" />}
      <Form form={form} layout="vertical" requiredMark="optional" onValuesChange={() => setError(null)}>
        <Form.Item name="level" label={t("warn.level")} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="outline" data-testid="warn-level"
            options={WARNING_LEVELS.map((l) => ({ value: l, label: <span style={{ color: LEVEL_COLORS[l], fontWeight: 600 }}>■ {t(`warn.levelLong.${l}`)}</span> }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={16}>
            <Form.Item name="headline" label={t("warn.headline")} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input data-testid="warn-headline" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="incidentTypeId" label={t("warn.type")}>
              <TypeTreeSelect allowClear style={{ width: "100%" }} testId="warn-type" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t("warn.description")} rules={[{ required: true, whitespace: true, max: 4000 }]}>
          <Input.TextArea rows={3} data-testid="warn-description" />
        </Form.Item>
        <Form.Item name="instruction" label={t("warn.instruction")} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} data-testid="warn-instruction" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12} md={8}>
            <Form.Item name="effectiveAt" label={t("warn.effectiveAt")} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="expiresAt" label={t("warn.expiresAt")} dependencies={["effectiveAt"]}
              rules={[{ required: true }, ({ getFieldValue }) => ({ validator: (_, v) => (!v || v.isAfter(getFieldValue("effectiveAt")) ? Promise.resolve() : Promise.reject(new Error(t("warn.expiresAt")))) })]}>
              <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="public" label={t("warn.public")} valuePropName="checked"><Switch data-testid="warn-public" /></Form.Item>
          </Col>
          {source?.kind !== "edit" && (
            <Col xs={12} md={4}>
              <Form.Item name="exercise" label={t("warn.exercise")} valuePropName="checked"><Switch /></Form.Item>
            </Col>
          )}
        </Row>
        <Divider titlePlacement="start" plain>{t("warn.area")}</Divider>
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item name="areaDescription" label={t("warn.areaDesc")} rules={[{ max: 500 }]}><Input /></Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="areaUnitIds" label={t("warn.areaUnits")}><UnitsPicker testId="warn-area-units" /></Form.Item>
          </Col>
        </Row>
        <Form.Item name="polygons" label={t("warn.polygons")}>
          <Input.TextArea rows={2} placeholder="31.80,119.82 31.80,120.12 31.55,120.12 31.55,119.82 31.80,119.82" style={{ fontFamily: "monospace" }} />
        </Form.Item>
        <Divider titlePlacement="start" plain>{t("warn.targets")}</Divider>
        <Form.Item name="targetUnitIds" label={t("warn.targetUnits")}>
          <UnitsPicker testId="warn-target-units" />
        </Form.Item>
        <Form.Item name="inArea" valuePropName="checked"><Checkbox>{t("warn.inArea")}</Checkbox></Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="roles" label={t("warn.roles")} extra={t("warn.rolesHelp")}>
              <Checkbox.Group options={TARGET_ROLES.map((r) => ({ value: r, label: t(`warn.role.${r}`) }))} data-testid="warn-roles" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="channels" label={t("warn.channels")} rules={[{ required: true, type: "array", min: 1 }]}>
              <Checkbox.Group options={WARNING_CHANNELS.map((c) => ({ value: c, label: t(`warn.channel.${c}`) }))} data-testid="warn-channels" />
            </Form.Item>
          </Col>
        </Row>
        <Button onClick={() => void runPreview()} loading={preview.isPending} data-testid="warn-preview-btn" style={{ marginBottom: 12 }}>{t("warn.preview")}</Button>
        {previewed && watched && <PreviewPanel preview={previewed.result} stale={(() => { const b = parse({ ...initialValues(source!), ...watched } as Values); return "badLine" in b || keyOf(b) !== previewed.key; })()} />}
      </Form>
    </Drawer>
  );
}
