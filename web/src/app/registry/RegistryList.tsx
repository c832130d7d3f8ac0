import { PlusOutlined } from "@ant-design/icons";
import type { Permission } from "@yingji/contracts";
import type { RegistryDecl } from "@yingji/contracts/registry";
import { Button, Card, Checkbox, Flex, Input, Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState, type ReactNode } from "react";
import { Link, useNavigate } from "react-router";
import { useCan } from "../auth/useCan.ts";
import { ExcelActions } from "../components/ExcelActions.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { useI18n } from "../i18n/useI18n.ts";
import { formatTime } from "../time.ts";
import { UnitTreeSelect } from "../../modules/org/components/UnitTreeSelect.tsx";
import { FieldValue } from "./FieldValue.tsx";
import { fieldText } from "./field-value.ts";
import { RegistryFilters, type FilterValues } from "./RegistryFilters.tsx";
import { RegistryForm } from "./RegistryForm.tsx";
import { REGISTRY_KEYS } from "./registry.keys.ts";
import type { RegistryParams, RegistryRow } from "./registry.types.ts";
import { useRegistryList } from "./useRegistryList.ts";
import { useValueContext } from "./useValueContext.ts";

export interface RegistryListProps {
  decl: RegistryDecl;
  sub?: ReactNode;
  /** Cells drawn differently from the declaration (a shelter's status with its fill). */
  render?: Record<string, (row: RegistryRow) => ReactNode>;
  /** Columns added after the declared ones. */
  extraColumns?: ColumnsType<RegistryRow>;
  /** Buttons beside 新增 and the Excel ones. */
  extraActions?: ReactNode;
  /** Content above the list (alerts, summaries). */
  children?: ReactNode;
}

/**
 * A registry's list page, from its declaration: search, unit and declared filters, the
 * declared columns (sortable), paging, Excel template/import/export, and 新增.
 */
export function RegistryList({ decl, sub, render, extraColumns, extraActions, children }: RegistryListProps) {
  const { t, l } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const ctx = useValueContext();
  const [params, setParams] = useState<RegistryParams>({ page: 1, pageSize: 20 });
  const [q, setQ] = useState("");
  const [creating, setCreating] = useState(false);
  const list = useRegistryList(decl, params);
  const canWrite = can(decl.permissions.write as Permission);
  const tp = decl.key;

  const filterValues: FilterValues = Object.fromEntries(Object.keys(decl.fields).map((k) => [k, params[k] as string | undefined]));
  const setFilter = (patch: Partial<RegistryParams>) => setParams((p) => ({ ...p, ...patch, page: 1 }));
  // The export takes the list's filters, not its page.
  const exportQuery = Object.fromEntries(Object.entries(params).filter(([k]) => k !== "page" && k !== "pageSize")) as Record<string, string | undefined>;

  const sortOrder = (k: string) => (params.sort === k ? ("ascend" as const) : params.sort === `-${k}` ? ("descend" as const) : null);
  const columns: ColumnsType<RegistryRow> = [
    {
      title: t("reg.name"),
      dataIndex: "name",
      key: "name",
      fixed: "left",
      width: 220,
      sorter: true,
      sortOrder: sortOrder("name"),
      render: (v: string, r) => (
        <Flex gap={6} align="center" wrap>
          <Link to={decl.href(r.id)} data-testid={`${tp}-row-${r.id}`}>
            {v}
          </Link>
          {!r.active && <Tag>{t("common.inactive")}</Tag>}
        </Flex>
      ),
    },
    ...Object.entries(decl.fields)
      .filter(([, f]) => f.list)
      .map(([k, f]) => ({
        title: l(f.label),
        dataIndex: k,
        key: k,
        sorter: f.kind !== "rows" && f.kind !== "tags",
        sortOrder: sortOrder(k),
        ellipsis: f.kind === "text" || f.kind === "textarea",
        render: (v: unknown, r: RegistryRow) => (render?.[k] ? render[k](r) : <FieldValue f={f} value={v} ctx={ctx} />),
      })),
    ...Object.entries(decl.computed ?? {})
      .filter(([, c]) => c.list)
      .map(([k, c]) => ({
        title: l(c.label),
        dataIndex: k,
        key: k,
        render: (v: unknown, r: RegistryRow) =>
          render?.[k] ? render[k](r) : typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v) ? formatTime(v) : fieldText({ kind: typeof v === "number" ? "number" : "text", suffix: c.suffix }, v, ctx),
      })),
    ...(extraColumns ?? []),
    { title: t("reg.unit"), dataIndex: "unitName", key: "unitName", width: 160, ellipsis: true },
  ];

  return (
    <div className="page">
      <PageHeader
        title={l(decl.label)}
        sub={sub}
        extra={
          <>
            {extraActions}
            <ExcelActions base={`/api/${decl.key}`} name={decl.sheet} exportQuery={exportQuery} canImport={canWrite} invalidate={REGISTRY_KEYS.all(decl.key)} testId={tp} />
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid={`${tp}-create`}>
                {t("reg.create")}
              </Button>
            )}
          </>
        }
      />
      {children}
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t("reg.searchPh")}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => setFilter({ q: v.trim() || undefined })}
            style={{ width: 220 }}
            data-testid={`${tp}-search`}
          />
          <UnitTreeSelect allowClear value={params.unitId} onChange={(unitId) => setFilter({ unitId })} placeholder={t("reg.filterUnit")} style={{ width: 200 }} testId={`${tp}-filter-unit`} />
          <RegistryFilters decl={decl} value={filterValues} onChange={(v) => setFilter(v)} />
          <Checkbox checked={params.includeInactive === "true"} onChange={(e) => setFilter({ includeInactive: e.target.checked ? "true" : undefined })} style={{ alignSelf: "center" }}>
            {t("reg.includeInactive")}
          </Checkbox>
        </Flex>
        <Table<RegistryRow>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items}
          columns={columns}
          scroll={{ x: "max-content" }}
          data-testid={`${tp}-table`}
          locale={{ emptyText: t("reg.none") }}
          onRow={(r) => ({ onDoubleClick: () => navigate(decl.href(r.id)) })}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = s?.order ? String(s.columnKey ?? s.field) : undefined;
            setParams((p) => ({ ...p, sort: key ? (s.order === "descend" ? `-${key}` : key) : undefined }));
          }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total,
            showSizeChanger: true,
            showTotal: (n) => t("common.total", { n }),
            onChange: (page, pageSize) => setParams((p) => ({ ...p, page, pageSize })),
          }}
        />
      </Card>
      <RegistryForm decl={decl} open={creating} onClose={() => setCreating(false)} onSaved={(row) => navigate(decl.href(row.id))} />
    </div>
  );
}
