import { EditOutlined, PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { LIMITS, SIX_IN_PLACE_LABELS, type ChecklistItem } from "@yingji/contracts";
import { Button, Flex, Form, Input, Modal, Progress, Space, Switch, Table, Tooltip, Typography, Upload } from "antd";
import { useState } from "react";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { notifyError, notifySuccess } from "../../../app/notify.ts";
import { formatTime } from "../../../app/time.ts";
import { useChecklist } from "../hooks/useChecklist.ts";
import { useUpdateChecklistItem } from "../hooks/useUpdateChecklistItem.ts";
import { useUploadEvidence } from "../hooks/useUploadEvidence.ts";

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The six-in-place (六落实) checklist of one unit, with notes and evidence files. */
export function ChecklistTable({ unitId, canWrite }: { unitId: string; canWrite: boolean }) {
  const { t, l } = useI18n();
  const { data: items, isLoading } = useChecklist(unitId);
  const update = useUpdateChecklistItem();
  const uploadEvidence = useUploadEvidence();
  const [editing, setEditing] = useState<ChecklistItem | null>(null);
  const [form] = Form.useForm<{ done: boolean; note?: string }>();
  const done = items?.filter((i) => i.done).length ?? 0;

  const save = (item: ChecklistItem, doneValue: boolean, note: string | null) =>
    update.mutateAsync({ unitId, item: item.item, done: doneValue, note, version: item.version });

  return (
    <>
      <Flex align="center" gap={16} style={{ marginBottom: 12 }}>
        <Typography.Text strong>{t("checklist.progress")}</Typography.Text>
        <Progress percent={Math.round((done / 6) * 100)} steps={6} size={[28, 10]} format={() => `${done} / 6`} />
      </Flex>
      <Table<ChecklistItem>
        size="small"
        rowKey="item"
        loading={isLoading}
        dataSource={items}
        pagination={false}
        data-testid="checklist-table"
        onRow={(r) => ({ "data-testid": `checklist-row-${r.item}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("checklist.item"), dataIndex: "item", width: 120, render: (v: ChecklistItem["item"]) => <b>{l(SIX_IN_PLACE_LABELS[v])}</b> },
          {
            title: t("checklist.done"),
            dataIndex: "done",
            width: 110,
            render: (v: boolean, r) => (
              <Switch
                checked={v}
                disabled={!canWrite}
                loading={update.isPending && update.variables?.item === r.item}
                checkedChildren={t("checklist.yes")}
                unCheckedChildren={t("checklist.no")}
                onChange={(next) => void save(r, next, r.note).catch(() => {})}
                data-testid={`checklist-done-${r.item}`}
              />
            ),
          },
          {
            title: t("checklist.note"),
            dataIndex: "note",
            render: (v: string | null, r) => (
              <Space size={4} align="start">
                <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0 }} type={v ? undefined : "secondary"}>
                  {v || "—"}
                </Typography.Paragraph>
                {canWrite && (
                  <Tooltip title={t("common.edit")}>
                    <Button
                      type="text"
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => {
                        setEditing(r);
                        form.setFieldsValue({ done: r.done, note: r.note ?? undefined });
                      }}
                      data-testid={`checklist-edit-${r.item}`}
                    />
                  </Tooltip>
                )}
              </Space>
            ),
          },
          {
            title: t("checklist.evidence"),
            dataIndex: "evidence",
            width: 300,
            render: (files: ChecklistItem["evidence"], r) => (
              <Flex vertical gap={2}>
                {files.map((f) => (
                  <a key={f.id} href={`/api/files/${f.id}`} download={f.name} className="evidence-link" title={`${f.name} · ${formatSize(f.size)} · ${formatTime(f.uploadedAt)}`}>
                    <PaperClipOutlined /> {f.name} <span className="muted">({formatSize(f.size)})</span>
                  </a>
                ))}
                {canWrite && (
                  <Upload
                    showUploadList={false}
                    beforeUpload={(file) => {
                      if (file.size > LIMITS.uploadBytes) {
                        notifyError(t("checklist.tooLarge", { mb: LIMITS.uploadBytes / 1024 / 1024 }));
                        return Upload.LIST_IGNORE;
                      }
                      return true;
                    }}
                    customRequest={({ file, onSuccess, onError }) =>
                      uploadEvidence.mutate(
                        { unitId, item: r.item, file: file as File },
                        {
                          onSuccess: (res) => {
                            notifySuccess(t("checklist.uploaded"));
                            onSuccess?.(res);
                          },
                          onError: (err) => onError?.(err),
                        },
                      )
                    }
                  >
                    <Button
                      size="small"
                      type="dashed"
                      icon={<UploadOutlined />}
                      loading={uploadEvidence.isPending && uploadEvidence.variables?.item === r.item}
                      data-testid={`checklist-upload-${r.item}`}
                    >
                      {t("checklist.upload")}
                    </Button>
                  </Upload>
                )}
              </Flex>
            ),
          },
          { title: t("common.updatedAt"), dataIndex: "updatedAt", width: 150, render: (v: string | null) => formatTime(v) },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing ? l(SIX_IN_PLACE_LABELS[editing.item]) : ""}
        onCancel={() => setEditing(null)}
        confirmLoading={update.isPending}
        okButtonProps={{ "data-testid": "checklist-form-submit" }}
        onOk={async () => {
          if (!editing) return;
          const v = await form.validateFields();
          await save(editing, v.done, v.note?.trim() || null);
          notifySuccess(t("common.saved"));
          setEditing(null);
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="done" label={t("checklist.done")} valuePropName="checked">
            <Switch checkedChildren={t("checklist.yes")} unCheckedChildren={t("checklist.no")} />
          </Form.Item>
          <Form.Item name="note" label={t("checklist.note")} rules={[{ max: LIMITS.longText }]}>
            <Input.TextArea rows={5} maxLength={LIMITS.longText} showCount placeholder={t("checklist.notePlaceholder")} data-testid="checklist-form-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
