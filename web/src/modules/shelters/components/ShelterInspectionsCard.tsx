import { PlusOutlined } from "@ant-design/icons";
import { SHELTER_FACILITIES } from "@yingji/contracts";
import { App, Button, Card, Checkbox, Form, Input, Modal, Radio, Table, Tag } from "antd";
import { useState } from "react";
import { useCan } from "../../../app/auth/useCan.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import type { RegistryRow } from "../../../app/registry/registry.types.ts";
import { formatTime } from "../../../app/time.ts";
import { usePostShelterInspection, useShelterInspections } from "../hooks/useShelterInspections.ts";

/** 检查记录 of a shelter (operated and maintained), and a new inspection. */
export function ShelterInspectionsCard({ shelter }: { shelter: RegistryRow }) {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const list = useShelterInspections(shelter.id);
  const post = usePostShelterInspection(shelter.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ passed: boolean; findings?: string; facilitiesOk?: string[] }>();
  const facilityLabel = (k: string) => (k in SHELTER_FACILITIES ? l(SHELTER_FACILITIES[k as keyof typeof SHELTER_FACILITIES]) : k);
  return (
    <Card
      size="small"
      title={t("sh.inspections")}
      style={{ marginTop: 12 }}
      extra={
        can("shelters.operate") &&
        shelter.editable !== false && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="shelter-inspect">
            {t("sh.inspect")}
          </Button>
        )
      }
    >
      <Table
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data}
        pagination={{ pageSize: 5, size: "small", hideOnSinglePage: true }}
        columns={[
          { title: t("mat.at"), dataIndex: "at", render: (v: string) => formatTime(v) },
          { title: t("mat.by"), dataIndex: "byName" },
          { title: t("sh.result"), dataIndex: "passed", render: (p: boolean) => <Tag color={p ? "success" : "error"}>{p ? t("sh.passed") : t("sh.failed")}</Tag> },
          { title: t("sh.facilitiesOk"), dataIndex: "facilitiesOk", render: (f: string[]) => f.map(facilityLabel).join("、") || "—" },
          { title: t("sh.findings"), dataIndex: "findings", ellipsis: true, render: (v: string | null) => v ?? "—" },
        ]}
      />
      <Modal open={open} title={t("sh.inspect")} onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: post.isPending }} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ passed: true, facilitiesOk: (shelter.facilities as string[] | null) ?? [] }}
          onFinish={(v) =>
            post.mutateAsync({ passed: v.passed, findings: v.findings?.trim() || undefined, facilitiesOk: v.facilitiesOk }).then(() => {
              message.success(t("common.saved"));
              setOpen(false);
            })
          }
        >
          <Form.Item name="passed" label={t("sh.result")}>
            <Radio.Group options={[{ value: true, label: t("sh.passed") }, { value: false, label: t("sh.failed") }]} />
          </Form.Item>
          <Form.Item name="facilitiesOk" label={t("sh.facilitiesOk")}>
            <Checkbox.Group options={Object.entries(SHELTER_FACILITIES).map(([k, v]) => ({ value: k, label: l(v) }))} />
          </Form.Item>
          <Form.Item name="findings" label={t("sh.findings")}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
