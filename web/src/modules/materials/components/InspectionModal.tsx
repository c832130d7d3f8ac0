import type { StockLine } from "@yingji/contracts";
import { Alert, App, Input, InputNumber, Modal, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { usePostInspection } from "../hooks/useInspections.ts";
import { useStock } from "../hooks/useStock.ts";

const lineKey = (l: Pick<StockLine, "itemId" | "batch">) => `${l.itemId}:${l.batch}`;

/** 盘点: type the counted quantity of each batch; the differences are posted as adjustments. */
export function InspectionModal({ warehouseId, open, onClose }: { warehouseId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const stock = useStock({ page: 1, pageSize: 200, warehouseId });
  const post = usePostInspection(warehouseId);
  const [counted, setCounted] = useState<Record<string, number | null>>({});
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const lines = stock.data?.items ?? [];

  useEffect(() => {
    if (open) {
      setCounted({});
      setNote("");
      setError(null);
    }
  }, [open]);

  const submit = async () => {
    setError(null);
    const body = {
      note: note.trim() || undefined,
      lines: lines.map((l) => ({ itemId: l.itemId, batch: l.batch || undefined, counted: counted[lineKey(l)] ?? l.quantity })),
    };
    try {
      const r = await post.mutateAsync(body);
      message.success(t("mat.inspected", { n: r.adjustments }));
      onClose();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <Modal open={open} title={t("mat.inspect")} onCancel={onClose} onOk={submit} okButtonProps={{ loading: post.isPending, "data-testid": "insp-submit" }} width={760} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t("mat.inspectHelp")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<StockLine>
        size="small"
        rowKey={lineKey}
        loading={stock.isLoading}
        dataSource={lines}
        pagination={false}
        scroll={{ y: 360 }}
        data-testid="insp-lines"
        columns={[
          { title: t("mat.item"), dataIndex: "itemName" },
          { title: t("mat.batch"), dataIndex: "batch", render: (v: string) => v || "—" },
          { title: t("mat.expected"), dataIndex: "quantity", align: "right", width: 110 },
          {
            title: t("mat.counted"),
            width: 150,
            render: (_, l) => (
              <InputNumber
                min={0}
                max={1e9}
                size="small"
                value={counted[lineKey(l)] ?? l.quantity}
                onChange={(v) => setCounted((c) => ({ ...c, [lineKey(l)]: v }))}
                suffix={l.measureUnit}
                style={{ width: "100%" }}
              />
            ),
          },
          {
            title: t("mat.difference"),
            width: 90,
            align: "right",
            render: (_, l) => {
              const d = Math.round(((counted[lineKey(l)] ?? l.quantity) - l.quantity) * 1000) / 1000;
              return d === 0 ? <span className="muted">0</span> : <Typography.Text type={d < 0 ? "danger" : "success"}>{d > 0 ? `+${d}` : d}</Typography.Text>;
            },
          },
        ]}
      />
      <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("mat.inspectNote")} autoSize={{ minRows: 2 }} style={{ marginTop: 12 }} maxLength={4000} />
    </Modal>
  );
}
