import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import type { IncidentReport } from "@yingji/contracts";
import { Button, Upload } from "antd";
import { download } from "../../../app/api.ts";
import { useCan } from "../../../app/auth/useCan.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useUploadAttachment } from "../hooks/useUploadAttachment.ts";

/** A report's attachments (download) and, for reporters, an upload button. */
export function ReportAttachments({ report }: { report: IncidentReport }) {
  const { t } = useI18n();
  const can = useCan();
  const up = useUploadAttachment(report.incidentId);
  return (
    <div className="inc-attachments">
      {report.attachments.map((a) => (
        <Button key={a.id} size="small" type="link" icon={<PaperClipOutlined />} onClick={() => void download(`/api/files/${a.id}`, a.name).catch(() => {})}>
          {a.name}
        </Button>
      ))}
      {can("incidents.report") && (
        <Upload
          showUploadList={false}
          customRequest={({ file, onSuccess, onError }) =>
            up.mutateAsync({ reportId: report.id, file: file as File }).then(
              (r) => onSuccess?.(r),
              (e: Error) => onError?.(e),
            )
          }
        >
          <Button size="small" type="text" icon={<UploadOutlined />} loading={up.isPending} data-testid={`inc-attach-${report.id}`}>
            {t("inc.attach")}
          </Button>
        </Upload>
      )}
    </div>
  );
}
