import type { ImportResult } from "@yingji/contracts";
import { Alert, Modal, Table } from "antd";
import { useI18n } from "../i18n/useI18n.ts";

/** The per-row report of an Excel import. */
export function ImportResultModal({ result, onClose }: { result: ImportResult | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={!!result}
      title={t("excel.resultTitle")}
      onCancel={onClose}
      onOk={onClose}
      cancelButtonProps={{ style: { display: "none" } }}
      width={720}
    >
      <div data-testid="import-result">
      {result &&
        (result.ok ? (
          <Alert type="success" showIcon title={t("excel.ok", { n: result.written })} />
        ) : (
          <>
            <Alert
              type="error"
              showIcon
              title={t("excel.failed", { n: result.errors.length })}
              description={t("excel.nothingWritten")}
              style={{ marginBottom: 12 }}
            />
            <Table
              size="small"
              rowKey={(e) => `${e.row}:${e.column}:${e.reason}`}
              dataSource={result.errors}
              pagination={result.errors.length > 10 ? { pageSize: 10, size: "small" } : false}
              columns={[
                { title: t("excel.row"), dataIndex: "row", width: 80 },
                { title: t("excel.column"), dataIndex: "column", width: 160 },
                { title: t("excel.reason"), dataIndex: "reason" },
              ]}
              data-testid="import-errors"
            />
          </>
        ))}
      </div>
    </Modal>
  );
}
