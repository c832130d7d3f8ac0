import type { WarningPreview } from "@yingji/contracts";
import { Alert, Table } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";

/** What a release would reach: units and people in all, per channel and per town. */
export function PreviewPanel({ preview, stale }: { preview: WarningPreview; stale?: boolean }) {
  const { t } = useI18n();
  return (
    <div data-testid="warn-preview">
      <Alert
        type={stale ? "warning" : "info"}
        showIcon
        title={<span data-testid="warn-preview-total">{t("warn.previewResult", { units: preview.units, people: preview.people })}</span>}
        description={stale ? t("warn.previewStale") : undefined}
        style={{ marginBottom: 8 }}
      />
      <Table
        size="small"
        pagination={false}
        rowKey="channel"
        dataSource={preview.channels}
        columns={[
          { title: t("warn.channels"), dataIndex: "channel", render: (c: string) => t(`warn.channel.${c}` as "warn.channel.sms") },
          { title: t("warn.people"), dataIndex: "people", align: "right" },
          { title: t("warn.units"), dataIndex: "units", align: "right" },
        ]}
        style={{ marginBottom: 8 }}
      />
      {preview.towns.length > 0 && (
        <Table
          size="small"
          pagination={preview.towns.length > 8 ? { pageSize: 8, size: "small" } : false}
          rowKey="unitId"
          dataSource={preview.towns}
          columns={[
            { title: t("warn.town"), dataIndex: "name" },
            { title: t("warn.units"), dataIndex: "units", align: "right" },
            { title: t("warn.people"), dataIndex: "people", align: "right" },
          ]}
        />
      )}
    </div>
  );
}
