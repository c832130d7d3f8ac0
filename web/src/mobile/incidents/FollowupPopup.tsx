import { useQueryClient } from "@tanstack/react-query";
import type { CreateReportInput, Incident, IncidentFigures } from "@yingji/contracts";
import { Button, Checkbox, List, Popup, TextArea, Toast } from "antd-mobile";
import { useState } from "react";
import { useMe } from "../../app/auth/useMe.ts";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { postReport } from "../../modules/incidents/hooks/useAddReport.ts";
import { INC_KEYS } from "../../modules/incidents/incidents.keys.ts";
import { FigureSteppers } from "./FigureSteppers.tsx";
import { enqueue, isNetworkError, newKey } from "./offline-queue.ts";
import { keepPhotos, uploadPhotos } from "./photos.ts";
import { PhotoPicker } from "./PhotoPicker.tsx";

/** 续报/终报 from a phone: the figures as now known and the text; queued when offline. */
export function FollowupPopup({ incident, kind, onClose }: { incident: Incident; kind: "followup" | "final" | null; onClose: () => void }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const [figures, setFigures] = useState<IncidentFigures>(incident.figures);
  const [body, setBody] = useState("");
  const [ended, setEnded] = useState(false);
  const [sending, setSending] = useState(false);
  const [photos, setPhotos] = useState<File[]>([]);

  const submit = async () => {
    if (!me || !kind || !body.trim()) return;
    const input: CreateReportInput = { kind, figures, body: body.trim(), reporterName: me.displayName, responseEnded: kind === "followup" && ended ? true : undefined };
    const key = newKey();
    setSending(true);
    try {
      const report = await postReport(incident.id, input, key);
      if (photos.length) {
        await uploadPhotos(incident.id, report.id, photos).catch(async () => {
          await keepPhotos(key, photos);
          enqueue({ key, kind: "photos", incidentId: incident.id, reportId: report.id, queuedAt: new Date().toISOString(), userId: me.id });
        });
      }
      void qc.invalidateQueries({ queryKey: INC_KEYS.all });
      Toast.show({ icon: "success", content: t("common.saved") });
      setBody("");
      setPhotos([]);
      onClose();
    } catch (err) {
      if (isNetworkError(err)) {
        await keepPhotos(key, photos).catch(() => undefined);
        enqueue({ key, kind: "report", incidentId: incident.id, input, queuedAt: new Date().toISOString(), userId: me.id });
        Toast.show({ content: t("inc.queued"), duration: 3000 });
        setBody("");
        onClose();
      } else Toast.show({ icon: "fail", content: (err as Error).message });
    } finally {
      setSending(false);
    }
  };

  return (
    <Popup visible={!!kind} onMaskClick={onClose} bodyStyle={{ maxHeight: "85dvh", overflowY: "auto", borderRadius: "12px 12px 0 0" }} destroyOnClose>
      <div className="m-popup-title">{kind === "final" ? t("inc.addFinal") : t("inc.addFollowup")}</div>
      <FigureSteppers value={figures} onChange={setFigures} />
      <List header={t("inc.body")} mode="card">
        <List.Item>
          <TextArea value={body} onChange={setBody} rows={4} maxLength={4000} placeholder={t("inc.bodyHelp")} data-testid="m-followup-body" />
        </List.Item>
        {kind === "followup" && (
          <List.Item>
            <Checkbox checked={ended} onChange={setEnded}>{t("inc.responseEnded")}</Checkbox>
          </List.Item>
        )}
      </List>
      <PhotoPicker value={photos} onChange={setPhotos} />
      <div className="m-page-pad">
        <Button block color="primary" size="large" loading={sending} disabled={!body.trim()} onClick={() => void submit()} data-testid="m-followup-submit">
          {t("inc.submit")}
        </Button>
      </div>
    </Popup>
  );
}
