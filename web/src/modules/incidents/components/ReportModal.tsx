import { INCIDENT_LEVELS, type CreateReportInput, type Incident } from "@yingji/contracts";
import { Checkbox, Form, Input, Modal, Select, type ButtonProps } from "antd";
import { useMe } from "../../../app/auth/useMe.ts";
import { showFieldErrors } from "../../../app/form-errors.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useAddReport } from "../hooks/useAddReport.ts";
import { FiguresFields } from "./FiguresFields.tsx";

/** 续报 or 终报: the figures as now known, the text, optionally a changed level. */
export function ReportModal({ incident, kind, onClose }: { incident: Incident; kind: "followup" | "final" | null; onClose: () => void }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const add = useAddReport(incident.id);
  const [form] = Form.useForm<Omit<CreateReportInput, "kind">>();
  const submit = async () => {
    const v = await form.validateFields();
    const input: CreateReportInput = {
      ...v,
      kind: kind!,
      cause: v.cause || undefined,
      measures: v.measures || undefined,
      trend: v.trend || undefined,
      reporterPhone: v.reporterPhone || undefined,
      level: v.level || undefined,
      responseEnded: v.responseEnded || undefined,
    };
    await add.mutateAsync(input).then(onClose, (err: unknown) => showFieldErrors(form, err));
  };
  return (
    <Modal
      open={!!kind}
      title={kind === "final" ? t("inc.addFinal") : t("inc.addFollowup")}
      width={720}
      onCancel={onClose}
      onOk={() => void submit().catch(() => {})}
      okButtonProps={{ loading: add.isPending, "data-testid": "report-submit" } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ figures: incident.figures, reporterName: me?.displayName }} data-testid="report-form">
        <FiguresFields />
        <Form.Item name="level" label={t("inc.level")} extra={t("inc.levelHelp")}>
          <Select allowClear placeholder={t(`inc.level.${incident.level}`)} options={INCIDENT_LEVELS.map((l) => ({ value: l, label: t(`inc.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="body" label={t("inc.body")} rules={[{ required: true, whitespace: true, max: 4000 }]}>
          <Input.TextArea rows={4} data-testid="report-body" />
        </Form.Item>
        <Form.Item name="measures" label={t("inc.measures")}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="trend" label={t("inc.trend")}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {kind === "final" && (
          <Form.Item name="cause" label={t("inc.cause")}>
            <Input.TextArea rows={2} />
          </Form.Item>
        )}
        {kind === "followup" && (
          <Form.Item name="responseEnded" valuePropName="checked">
            <Checkbox>{t("inc.responseEnded")}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="reporterName" label={t("inc.reporterName")} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
