import type { StockLine } from "@yingji/contracts";
import { App, Form, InputNumber, Modal, Typography } from "antd";
import { useEffect } from "react";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useSetMinimum } from "../hooks/useSetMinimum.ts";

/** 最低储备 of one item in one warehouse (all batches together); 0 clears it. */
export function MinimumModal({ line, onClose }: { line: StockLine | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ minimum: number }>();
  const set = useSetMinimum();
  useEffect(() => {
    if (line) form.setFieldsValue({ minimum: line.minimum ?? 0 });
  }, [line, form]);
  return (
    <Modal
      open={!!line}
      title={t("mat.setMinimum")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: set.isPending }}
      destroyOnHidden
    >
      {line && (
        <Typography.Paragraph type="secondary">
          {line.warehouseName} · {line.itemName}
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          line &&
          set.mutateAsync({ warehouseId: line.warehouseId, itemId: line.itemId, minimum: v.minimum }).then(() => {
            message.success(t("common.saved"));
            onClose();
          })
        }
      >
        <Form.Item name="minimum" label={t("mat.minimum")} rules={[{ required: true, message: t("reg.required") }]}>
          <InputNumber min={0} max={1e9} style={{ width: "100%" }} suffix={line?.measureUnit} data-testid="min-value" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
