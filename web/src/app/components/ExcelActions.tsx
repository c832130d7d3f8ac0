import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from "@ant-design/icons";
import type { ImportResult } from "@yingji/contracts";
import type { QueryKey } from "@tanstack/react-query";
import { Button } from "antd";
import { useRef, useState } from "react";
import { download, withQuery } from "../api.ts";
import { useI18n } from "../i18n/useI18n.ts";
import { notifyError } from "../notify.ts";
import { ImportResultModal } from "./ImportResultModal.tsx";
import { useExcelImport, XLSX_TYPE } from "./useExcelImport.ts";

interface Props {
  /** Base of the registry, e.g. /api/org/people (…/template.xlsx, …/export.xlsx, …/import). */
  base: string;
  /** File name stem for downloads when the server names none. */
  name: string;
  /** Filters applied to the export. */
  exportQuery?: Record<string, string | undefined>;
  canImport: boolean;
  invalidate: QueryKey;
  /** Prefix of the buttons' data-testid, e.g. people → people-template, people-export, people-import. */
  testId: string;
}

/** The three Excel buttons every registry has: template, export, import with a per-row report. */
export function ExcelActions({ base, name, exportQuery, canImport, invalidate, testId }: Props) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<"template" | "export" | null>(null);
  const importer = useExcelImport(`${base}/import`, invalidate);

  const get = async (kind: "template" | "export") => {
    setBusy(kind);
    try {
      await download(kind === "template" ? `${base}/template.xlsx` : withQuery(`${base}/export.xlsx`, exportQuery), `${name}-${kind}.xlsx`);
    } catch (err) {
      notifyError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      {canImport && (
        <Button icon={<FileExcelOutlined />} loading={busy === "template"} onClick={() => get("template")} data-testid={`${testId}-template`}>
          {t("excel.template")}
        </Button>
      )}
      {canImport && (
        <Button icon={<UploadOutlined />} loading={importer.isPending} onClick={() => input.current?.click()} data-testid={`${testId}-import`}>
          {t("excel.import")}
        </Button>
      )}
      <Button icon={<DownloadOutlined />} loading={busy === "export"} onClick={() => get("export")} data-testid={`${testId}-export`}>
        {t("excel.export")}
      </Button>
      <input
        ref={input}
        type="file"
        accept={`.xlsx,${XLSX_TYPE}`}
        hidden
        data-testid={`${testId}-import-file`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) importer.mutate(file, { onSuccess: setResult, onError: (err) => notifyError(err.message) });
        }}
      />
      <ImportResultModal result={result} onClose={() => setResult(null)} />
    </>
  );
}
