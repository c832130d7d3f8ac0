import { EditOutlined, EnvironmentOutlined, StopOutlined } from "@ant-design/icons";
import type { Permission } from "@yingji/contracts";
import type { FieldDecl, RegistryDecl } from "@yingji/contracts/registry";
import { App, Button, Card, Col, Descriptions, Empty, Popconfirm, Result, Row, Spin, Table, Tag } from "antd";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import { ApiError } from "../api.ts";
import { useCan } from "../auth/useCan.ts";
import { PageHeader } from "../components/PageHeader.tsx";
import { useI18n } from "../i18n/useI18n.ts";
import { formatTime } from "../time.ts";
import { FieldValue } from "./FieldValue.tsx";
import { fieldText, type ValueContext } from "./field-value.ts";
import { listPathOf } from "./registry-paths.ts";
import { RegistryForm } from "./RegistryForm.tsx";
import { RegistryHistory } from "./RegistryHistory.tsx";
import type { RegistryRow } from "./registry.types.ts";
import { useRegistryItem } from "./useRegistryItem.ts";
import { useValueContext } from "./useValueContext.ts";
import { useDeactivateRecord } from "./useRegistryWrite.ts";

export interface RegistryDetailProps {
  decl: RegistryDecl;
  id: string;
  /** Cells drawn differently from the declaration. */
  render?: Record<string, (row: RegistryRow) => ReactNode>;
  /** Buttons in the header beside 编辑 (status, inspection…). */
  actions?: (row: RegistryRow) => ReactNode;
  /** Sections under the record (stock of a warehouse, inspections…). */
  sections?: (row: RegistryRow) => ReactNode;
}

/** A `rows` field (members, equipment) as a table of its sub-fields; nested rows show as a count. */
function RowsTable({ f, rows, ctx, testId }: { f: FieldDecl; rows: Record<string, unknown>[]; ctx: ValueContext; testId: string }) {
  const { l } = useI18n();
  return (
    <Table
      size="small"
      rowKey={(_, i) => String(i)}
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, size: "small" } : false}
      scroll={{ x: "max-content" }}
      data-testid={testId}
      columns={Object.entries(f.fields ?? {}).map(([k, sf]) => ({
        title: l(sf.label),
        dataIndex: k,
        key: k,
        render: (v: unknown) =>
          sf.kind === "rows" ? (
            <span>
              {((v as Record<string, unknown>[] | null) ?? [])
                .map((x) => Object.entries(sf.fields ?? {}).map(([kk, ff]) => (x[kk] ? fieldText(ff, x[kk], ctx) : "")).filter(Boolean).join(" "))
                .join("；") || "—"}
            </span>
          ) : (
            <FieldValue f={sf} value={v} ctx={ctx} />
          ),
      }))}
    />
  );
}

/**
 * A registry record's page, from its declaration: every field, its location, the `rows`
 * fields as tables, module-specific sections, and the history from the audit log.
 */
export function RegistryDetail({ decl, id, render, actions, sections }: RegistryDetailProps) {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const ctx = useValueContext();
  const item = useRegistryItem(decl, id);
  const deactivate = useDeactivateRecord(decl);
  const [editing, setEditing] = useState(false);
  const row = item.data;
  const crumbs = [{ title: l(decl.label), to: listPathOf(decl) }];

  if (item.isLoading) return <Spin style={{ display: "block", margin: "80px auto" }} />;
  if (!row) {
    const missing = item.error instanceof ApiError && item.error.status === 404;
    return <Result status={missing ? "404" : "error"} title={missing ? t("common.notFound") : t("common.loadFailed")} extra={<Link to={listPathOf(decl)}>{l(decl.label)}</Link>} />;
  }
  const canWrite = row.editable && can(decl.permissions.write as Permission);
  const plain = Object.entries(decl.fields).filter(([, f]) => f.kind !== "rows");
  const rowsFields = Object.entries(decl.fields).filter(([, f]) => f.kind === "rows");
  const computed = Object.entries(decl.computed ?? {});

  return (
    <div className="page" data-testid={`${decl.key}-detail`}>
      <PageHeader
        title={
          <>
            {row.name} {!row.active && <Tag>{t("common.inactive")}</Tag>}
          </>
        }
        crumbs={[...crumbs, { title: row.name }]}
        extra={
          <>
            {actions?.(row)}
            {decl.located && row.lat != null && (
              <Link to={`/map?focus=${decl.key}:${row.id}&lat=${row.lat}&lon=${row.lon}`}>
                <Button icon={<EnvironmentOutlined />} data-testid={`${decl.key}-on-map`}>
                  {t("reg.onMap")}
                </Button>
              </Link>
            )}
            {canWrite && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid={`${decl.key}-edit`}>
                {t("common.edit")}
              </Button>
            )}
            {canWrite && row.active && (
              <Popconfirm
                title={t("reg.deactivateConfirm")}
                onConfirm={() => deactivate.mutateAsync(row.id).then(() => message.success(t("reg.deactivated")))}
              >
                <Button danger icon={<StopOutlined />} loading={deactivate.isPending} data-testid={`${decl.key}-deactivate`}>
                  {t("reg.deactivate")}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t("reg.basics")}>
            <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} data-testid={`${decl.key}-fields`}>
              <Descriptions.Item label={t("reg.unit")}>{row.unitName}</Descriptions.Item>
              {decl.located && (
                <Descriptions.Item label={t("reg.location")}>
                  {row.lat != null && row.lon != null ? `${row.lat.toFixed(5)}, ${row.lon.toFixed(5)}` : "—"}
                  {row.address ? ` · ${row.address}` : ""}
                </Descriptions.Item>
              )}
              {plain.map(([k, f]) => (
                <Descriptions.Item key={k} label={l(f.label)} span={f.kind === "textarea" ? 2 : 1}>
                  {render?.[k] ? render[k](row) : <FieldValue f={f} value={row[k]} ctx={ctx} />}
                </Descriptions.Item>
              ))}
              {computed.map(([k, c]) => (
                <Descriptions.Item key={k} label={l(c.label)}>
                  {render?.[k]
                    ? render[k](row)
                    : typeof row[k] === "string" && /^\d{4}-\d\d-\d\dT/.test(row[k] as string)
                      ? formatTime(row[k] as string)
                      : fieldText({ kind: typeof row[k] === "number" ? "number" : "text", suffix: c.suffix }, row[k], ctx)}
                </Descriptions.Item>
              ))}
              <Descriptions.Item label={t("common.updatedAt")}>{formatTime(row.updatedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
          {rowsFields.map(([k, f]) => {
            const rows = (row[k] as Record<string, unknown>[] | null) ?? [];
            return (
              <Card key={k} size="small" title={`${l(f.label)}（${rows.length}）`} style={{ marginTop: 12 }}>
                {rows.length ? <RowsTable f={f} rows={rows} ctx={ctx} testId={`${decl.key}-${k}`} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
              </Card>
            );
          })}
          {sections?.(row)}
        </Col>
        <Col xs={24} xl={8}>
          <div className="reg-side">
            <RegistryHistory decl={decl} id={row.id} />
          </div>
        </Col>
      </Row>
      <RegistryForm decl={decl} record={row} open={editing} onClose={() => setEditing(false)} />
    </div>
  );
}
