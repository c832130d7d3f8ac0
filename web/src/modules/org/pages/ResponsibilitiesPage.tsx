import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import type { IncidentType, Responsibility } from "@yingji/contracts";
import { Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { useCan } from "../../../app/auth/useCan.ts";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { IncidentTypeTree } from "../components/IncidentTypeTree.tsx";
import { ResponsibilityModal, type ResponsibilityTarget } from "../components/ResponsibilityModal.tsx";
import { useDeleteResponsibility } from "../hooks/useDeleteResponsibility.ts";
import { useResponsibilities } from "../hooks/useResponsibilities.ts";

/** 责任矩阵: lead (牵头) and member (成员) units per incident type, with their duties. */
export function ResponsibilitiesPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const canWrite = can("org.responsibilities.write");
  const [type, setType] = useState<IncidentType | null>(null);
  const [modal, setModal] = useState<ResponsibilityTarget | null>(null);
  const { data: rows, isLoading } = useResponsibilities(type?.id);
  const remove = useDeleteResponsibility();
  const typeName = type ? (lang === "zh" ? type.name : type.nameEn || type.name) : "";
  const sorted = [...(rows ?? [])].sort((a, b) => (a.role === b.role ? a.unitName.localeCompare(b.unitName, "zh-CN") : a.role === "lead" ? -1 : 1));

  return (
    <div className="page">
      <PageHeader title={t("nav.org.responsibilities")} sub={t("resp.sub")} />
      <div className="org-layout">
        <IncidentTypeTree selectedId={type?.id} onSelect={setType} />
        <div className="org-main">
          <Card
            size="small"
            title={type ? <Space><span className="tree-code">{type.code}</span>{typeName}</Space> : t("resp.pickType")}
            extra={
              canWrite && type ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ mode: "create", incidentTypeId: type.id, typeName })} data-testid="resp-add">
                  {t("resp.add")}
                </Button>
              ) : null
            }
          >
            {!type ? (
              <Empty description={t("resp.pickType")} />
            ) : (
              <Table<Responsibility>
                size="small"
                rowKey="id"
                loading={isLoading}
                dataSource={sorted}
                pagination={false}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("resp.none")} /> }}
                data-testid="resp-table"
                onRow={(r) => ({ "data-testid": `resp-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
                columns={[
                  {
                    title: t("resp.role"),
                    dataIndex: "role",
                    width: 100,
                    render: (r: Responsibility["role"]) => (r === "lead" ? <Tag color="red">{t("resp.lead")}</Tag> : <Tag color="blue">{t("resp.member")}</Tag>),
                  },
                  { title: t("resp.unit"), dataIndex: "unitName", width: 220, render: (v: string, r) => <Link to={`/org/units/${r.unitId}`}>{v}</Link> },
                  {
                    title: t("resp.duties"),
                    dataIndex: "duties",
                    render: (v: string) => <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>{v}</Typography.Paragraph>,
                  },
                  ...(canWrite
                    ? [
                        {
                          title: t("common.actions"),
                          key: "actions",
                          width: 150,
                          render: (_: unknown, r: Responsibility) => (
                            <Space size={0}>
                              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setModal({ mode: "edit", row: r })}>
                                {t("common.edit")}
                              </Button>
                              <Popconfirm title={t("resp.deleteConfirm", { name: r.unitName })} okButtonProps={{ danger: true }} onConfirm={() => remove.mutate(r.id)}>
                                <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                                  {t("common.delete")}
                                </Button>
                              </Popconfirm>
                            </Space>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            )}
          </Card>
        </div>
      </div>
      <ResponsibilityModal target={modal} onClose={() => setModal(null)} />
    </div>
  );
}
