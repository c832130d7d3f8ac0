import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Flex, Upload } from "antd";
import { useMutation } from "@tanstack/react-query";
import { download, upload } from "../../../app/api.ts";
import { useCan } from "../../../app/auth/useCan.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { notifyError } from "../../../app/notify.ts";
import type { RegistryRow } from "../../../app/registry/registry.types.ts";
import { useInvalidateRegistry } from "../../../app/registry/useRegistryWrite.ts";

/** 凭证文件 of a requisition: download each, attach another (POST /api/requisitions/:id/documents). */
export function RequisitionDocuments({ r }: { r: RegistryRow }) {
  const { t } = useI18n();
  const can = useCan();
  const invalidate = useInvalidateRegistry();
  const ids = (r.documents as string[] | null) ?? [];
  const attach = useMutation({
    mutationFn: (file: File) => upload<RegistryRow>(`/api/requisitions/${r.id}/documents`, file),
    onSuccess: () => invalidate("requisitions"),
  });
  return (
    <Flex vertical gap={2} align="flex-start" data-testid="req-documents">
      {ids.length === 0 && <span className="muted">—</span>}
      {ids.map((id, i) => (
        <Button key={id} size="small" type="link" icon={<PaperClipOutlined />} style={{ padding: 0 }}
          onClick={() => void download(`/api/files/${id}`, `${t("mat.document")}-${i + 1}`).catch((e: Error) => notifyError(e.message))}>
          {t("mat.document")} {i + 1}
        </Button>
      ))}
      {can("materials.write") && r.editable && (
        <Upload showUploadList={false} customRequest={({ file, onSuccess, onError }) => attach.mutateAsync(file as File).then(onSuccess, onError)}>
          <Button size="small" icon={<UploadOutlined />} loading={attach.isPending} data-testid="req-attach">
            {t("mat.attach")}
          </Button>
        </Upload>
      )}
    </Flex>
  );
}
