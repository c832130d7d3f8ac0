import { ITEM_CATEGORIES, type StockAlertKind, type StockLine } from "@yingji/contracts";
import { Button, Flex, Input, Select, Table, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { useCan } from "../../../app/auth/useCan.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useResourceOptions } from "../hooks/useResourceOptions.ts";
import { useStock, type StockParams } from "../hooks/useStock.ts";
import { AlertTags } from "./AlertTags.tsx";
import { MinimumModal } from "./MinimumModal.tsx";

const qty = (n: number | null | undefined, unit?: string) => (n === null || n === undefined ? "—" : `${n.toLocaleString("zh-CN")}${unit ? " " + unit : ""}`);

/** Stock lines (warehouse × item × batch) with their alerts; inside a warehouse, that warehouse's only. */
export function StockTable({ warehouseId }: { warehouseId?: string }) {
  const { t, l } = useI18n();
  const can = useCan();
  const options = useResourceOptions();
  const [params, setParams] = useState<StockParams>({ page: 1, pageSize: 20, warehouseId });
  const [q, setQ] = useState("");
  const [minFor, setMinFor] = useState<StockLine | null>(null);
  const stock = useStock(params);
  const filter = (patch: Partial<StockParams>) => setParams((p) => ({ ...p, ...patch, page: 1 }));
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t("mat.searchItem")} value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => filter({ q: v.trim() || undefined })} style={{ width: 200 }} data-testid="stock-search" />
        {!warehouseId && (
          <Select allowClear showSearch={{ optionFilterProp: "label" }} placeholder={t("mat.warehouse")} value={params.warehouseId} onChange={(v) => filter({ warehouseId: v })} options={options.warehouses} style={{ width: 200 }} data-testid="stock-filter-warehouse" />
        )}
        <Select allowClear placeholder={t("mat.category")} value={params.category} onChange={(v) => filter({ category: v })} style={{ width: 150 }}
          options={Object.entries(ITEM_CATEGORIES).map(([k, v]) => ({ value: k, label: l(v) }))} />
      </Flex>
      <Table<StockLine>
        rowKey={(r) => `${r.warehouseId}:${r.itemId}:${r.batch}`}
        size="middle"
        loading={stock.isFetching}
        dataSource={stock.data?.items}
        scroll={{ x: "max-content" }}
        data-testid="stock-table"
        locale={{ emptyText: t("mat.noStock") }}
        rowClassName={(r) => (r.alerts.length ? "stock-row-alert" : "")}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: stock.data?.total,
          showTotal: (n) => t("common.total", { n }),
          onChange: (page, pageSize) => setParams((p) => ({ ...p, page, pageSize })),
        }}
        columns={[
          ...(warehouseId ? [] : [{ title: t("mat.warehouse"), dataIndex: "warehouseName", render: (v: string, r: StockLine) => <Link to={`/materials/warehouses/${r.warehouseId}`}>{v}</Link> }]),
          {
            title: t("mat.item"),
            dataIndex: "itemName",
            render: (v: string, r) => (
              <span data-testid={`stock-line-${r.itemName}`}>
                {v}
                {r.specification && <Typography.Text type="secondary"> · {r.specification}</Typography.Text>}
              </span>
            ),
          },
          { title: t("mat.category"), dataIndex: "category", render: (v: string) => (v in ITEM_CATEGORIES ? l(ITEM_CATEGORIES[v as keyof typeof ITEM_CATEGORIES]) : v) },
          { title: t("mat.batch"), dataIndex: "batch", render: (v: string) => v || <span className="muted">—</span> },
          { title: t("mat.quantity"), dataIndex: "quantity", align: "right", render: (v: number, r) => <b data-testid="stock-qty">{qty(v, r.measureUnit)}</b> },
          { title: t("mat.itemTotal"), dataIndex: "itemTotal", align: "right", render: (v: number, r) => qty(v, r.measureUnit) },
          {
            title: t("mat.minimum"),
            dataIndex: "minimum",
            align: "right",
            render: (v: number | null, r) => (
              <Flex gap={4} justify="end" align="center">
                {qty(v, v ? r.measureUnit : undefined)}
                {can("materials.move") && (
                  <Button size="small" type="link" onClick={() => setMinFor(r)}>
                    {t("common.edit")}
                  </Button>
                )}
              </Flex>
            ),
          },
          { title: t("mat.expiresOn"), dataIndex: "expiresOn", render: (v: string | null) => v ?? <span className="muted">—</span> },
          { title: t("mat.alerts"), dataIndex: "alerts", render: (a: StockAlertKind[]) => <AlertTags alerts={a} /> },
        ]}
      />
      <MinimumModal line={minFor} onClose={() => setMinFor(null)} />
    </>
  );
}
