import { INCIDENT_LEVELS, Phone, type CreateIncidentInput, type IncidentLevel } from "@yingji/contracts";
import { App, Button, Checkbox, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select } from "antd";
import { useNavigate } from "react-router";
import { useMe } from "../../../app/auth/useMe.ts";
import { showFieldErrors } from "../../../app/form-errors.ts";
import { zodRule } from "../../../app/zod-rule.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { dayjs, TZ } from "../../../app/time.ts";
import { UnitTreeSelect } from "../../org/components/UnitTreeSelect.tsx";
import { useCreateIncident } from "../hooks/useCreateIncident.ts";
import { FiguresFields, ZERO_FIGURES } from "./FiguresFields.tsx";
import { LevelSuggestionHint } from "./LevelSuggestionHint.tsx";
import { TypeTreeSelect } from "./TypeTreeSelect.tsx";

type Values = Omit<CreateIncidentInput, "occurredAt" | "learnedAt"> & { occurredAt: dayjs.Dayjs; learnedAt: dayjs.Dayjs };

/** 新建/上报: an incident with its initial report; the server answers the level the figures suggest. */
export function CreateIncidentDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const create = useCreateIncident();
  const [form] = Form.useForm<Values>();
  const figures = Form.useWatch("figures", form);
  const level = Form.useWatch("level", form);
  const notFuture = (_: unknown, v?: dayjs.Dayjs) => (v && v.isAfter(dayjs()) ? Promise.reject(new Error("≤ now")) : Promise.resolve());

  const submit = async (v: Values) => {
    const input: CreateIncidentInput = {
      ...v,
      occurredAt: v.occurredAt.toISOString(),
      learnedAt: v.learnedAt.toISOString(),
      // Typed at a desk: not the reporter's GPS.
      locationSource: "manual",
      sensitive: !!v.sensitive,
      exercise: !!v.exercise,
      cause: v.cause || undefined,
      measures: v.measures || undefined,
      reporterPhone: v.reporterPhone || undefined,
    };
    const incident = await create.mutateAsync(input).catch((err: unknown) => {
      showFieldErrors(form, err);
      return null;
    });
    if (!incident) return;
    message.success(`${t("inc.created")} · ${t("inc.suggested")}: ${t(`inc.level.${incident.suggestedLevel}`)}`);
    form.resetFields();
    onClose();
    navigate(`/incidents/${incident.id}`);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t("inc.create")}
      size={720}
      destroyOnHidden
      extra={
        <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="inc-submit">
          {t("inc.submit")}
        </Button>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          unitId: me?.unitId,
          reporterName: me?.displayName,
          figures: ZERO_FIGURES,
          level: "IV" as IncidentLevel,
          occurredAt: dayjs().tz(TZ),
          learnedAt: dayjs().tz(TZ),
          sensitive: false,
          exercise: false,
        }}
        data-testid="inc-form"
      >
        <Form.Item name="title" label={t("inc.title")} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="inc-title" maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="typeId" label={t("inc.type")} rules={[{ required: true, message: t("inc.required") }]}>
              <TypeTreeSelect testId="inc-type" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="unitId" label={t("inc.unit")} rules={[{ required: true, message: t("inc.required") }]}>
              <UnitTreeSelect testId="inc-unit" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="occurredAt" label={t("inc.occurredAt")} rules={[{ required: true }, { validator: notFuture }]}>
              <DatePicker showTime style={{ width: "100%" }} data-testid="inc-occurred" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="learnedAt" label={t("inc.learnedAt")} rules={[{ required: true }, { validator: notFuture }]}>
              <DatePicker showTime style={{ width: "100%" }} data-testid="inc-learned" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="lat" label={t("inc.lat")} rules={[{ required: true, message: t("inc.required") }]}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: "100%" }} data-testid="inc-lat" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="lon" label={t("inc.lon")} rules={[{ required: true, message: t("inc.required") }]}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: "100%" }} data-testid="inc-lon" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="address" label={t("inc.address")} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input data-testid="inc-address" />
            </Form.Item>
          </Col>
        </Row>
        <FiguresFields />
        <LevelSuggestionHint figures={figures} level={level} onAdopt={(l) => form.setFieldValue("level", l)} />
        <Row gutter={12} align="middle">
          <Col span={12}>
            <Form.Item name="level" label={t("inc.level")} extra={t("inc.levelHelp")} rules={[{ required: true }]}>
              <Select options={INCIDENT_LEVELS.map((l) => ({ value: l, label: t(`inc.level.${l}`) }))} data-testid="inc-level" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="sensitive" valuePropName="checked">
              <Checkbox data-testid="inc-sensitive">{t("inc.sensitive")}</Checkbox>
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="exercise" valuePropName="checked">
              <Checkbox data-testid="inc-exercise">{t("inc.exercise")}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="body" label={t("inc.body")} extra={t("inc.bodyHelp")} rules={[{ required: true, whitespace: true, max: 4000 }]}>
          <Input.TextArea rows={4} data-testid="inc-body" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="cause" label={t("inc.cause")}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="measures" label={t("inc.measures")}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="reporterName" label={t("inc.reporterName")} rules={[{ required: true, whitespace: true, max: 50 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="reporterPhone" label={t("inc.reporterPhone")} rules={[zodRule(Phone)]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
