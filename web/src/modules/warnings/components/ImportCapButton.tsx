import { UploadOutlined } from "@ant-design/icons";
import { Button, message } from "antd";
import { useRef } from "react";
import { useNavigate } from "react-router";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useImportCap } from "../hooks/useImportCap.ts";

/** 导入 CAP: picks a CAP 1.2 file, imports it and opens the warning it became. */
export function ImportCapButton() {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  const importCap = useImportCap();
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const result = await importCap.mutateAsync(file).catch(() => null);
    if (input.current) input.current.value = "";
    if (!result) return;
    // An EDXL-DE envelope may carry several alerts: say how many were taken; the first one opens.
    if (result.alerts.length > 1) {
      const refused = result.alerts.filter((a) => a.error).length;
      void message.info(t("warn.importedEnvelope", { n: result.alerts.length, ok: result.alerts.length - refused, refused }));
    } else if (!result.created) void message.info(t("warn.importedAgain"));
    navigate(`/warnings/${result.warningId}`);
  };
  return (
    <>
      <input ref={input} type="file" accept=".xml,.cap,application/cap+xml,application/xml,text/xml" hidden onChange={(e) => void onFile(e.target.files?.[0])} data-testid="warn-import-file" />
      <Button icon={<UploadOutlined />} loading={importCap.isPending} onClick={() => input.current?.click()} data-testid="warn-import">
        {t("warn.import")}
      </Button>
    </>
  );
}
