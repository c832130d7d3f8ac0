import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Flex, Upload } from "antd";
import { useState } from "react";
import { download, upload } from "../api.ts";
import { useI18n } from "../i18n/useI18n.ts";
import { notifyError } from "../notify.ts";

interface Uploaded {
  id: string;
  name: string;
}

/**
 * Documents of a record (凭证): ids of stored files. Each upload goes to POST /api/files
 * (raw body) and its id joins the field's list; the record's save keeps the list.
 */
export function FilesField({ value, onChange, testId }: { value?: string[] | null; onChange?: (v: string[]) => void; testId?: string }) {
  const { t } = useI18n();
  const [names, setNames] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const ids = value ?? [];
  return (
    <Flex vertical gap={4} data-testid={testId}>
      {ids.map((id, i) => (
        <Flex key={id} gap={4} align="center">
          <Button size="small" type="link" icon={<PaperClipOutlined />} onClick={() => void download(`/api/files/${id}`, names[id] ?? `document-${i + 1}`).catch((e: Error) => notifyError(e.message))}>
            {names[id] ?? `${t("reg.document")} ${i + 1}`}
          </Button>
          <Button size="small" type="text" danger onClick={() => onChange?.(ids.filter((x) => x !== id))}>
            {t("reg.remove")}
          </Button>
        </Flex>
      ))}
      <Upload
        showUploadList={false}
        customRequest={({ file, onSuccess, onError }) => {
          setBusy(true);
          upload<Uploaded>("/api/files", file as File)
            .then((f) => {
              setNames((n) => ({ ...n, [f.id]: f.name }));
              onChange?.([...ids, f.id]);
              onSuccess?.(f);
            })
            .catch((e: Error) => {
              notifyError(e.message);
              onError?.(e);
            })
            .finally(() => setBusy(false));
        }}
      >
        <Button size="small" icon={<UploadOutlined />} loading={busy}>
          {t("reg.upload")}
        </Button>
      </Upload>
    </Flex>
  );
}
