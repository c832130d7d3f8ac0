import { INCIDENT_LEVELS, type CreateIncidentInput, type IncidentFigures, type IncidentLevel } from "@yingji/contracts";
import { Button, Checkbox, Input, List, NavBar, Selector, TextArea, Toast } from "antd-mobile";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { LocationField, locationInput, type ReportLocation } from "./LocationField.tsx";
import { useNavigate } from "react-router";
import { useMe } from "../../app/auth/useMe.ts";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { dayjs, TZ } from "../../app/time.ts";
import { postIncident } from "../../modules/incidents/hooks/useCreateIncident.ts";
import { INC_KEYS } from "../../modules/incidents/incidents.keys.ts";
import { useLevelSuggestion } from "../../modules/incidents/hooks/useLevelSuggestion.ts";
import { enqueue, isNetworkError, newKey } from "./offline-queue.ts";
import { keepPhotos, uploadPhotos } from "./photos.ts";
import { PhotoPicker } from "./PhotoPicker.tsx";
import { FigureSteppers } from "./FigureSteppers.tsx";
import { TypeSelect } from "./TypeSelect.tsx";

const ZERO: IncidentFigures = { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 };

/** 上报 on a phone: type, place (GPS, map, village or typed), figures, text; queued when the network is down. */
export function ReportFormPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [title, setTitle] = useState("");
  const [typeId, setTypeId] = useState<string>();
  const [address, setAddress] = useState("");
  // The officer's own village until GPS or the officer says otherwise: a report never waits for a fix.
  const [location, setLocation] = useState<ReportLocation>(() => ({ kind: "place", unitId: me?.unitId ?? "", name: me?.unitName ?? "" }));
  const [occurred, setOccurred] = useState(() => dayjs().tz(TZ).format("YYYY-MM-DDTHH:mm"));
  const [figures, setFigures] = useState<IncidentFigures>(ZERO);
  const [level, setLevel] = useState<IncidentLevel>("IV");
  const [sensitive, setSensitive] = useState(false);
  const [body, setBody] = useState("");
  const [photos, setPhotos] = useState<File[]>([]);
  const { data: suggestion } = useLevelSuggestion(figures);
  const [sending, setSending] = useState(false);

  const where = locationInput(location);
  // What is still missing, named: a greyed-out 提交 alone does not say it.
  const missing = [
    !title.trim() && t("inc.title"),
    !typeId && t("inc.type"),
    !body.trim() && t("inc.body"),
    !where && t("inc.coordsInvalid"),
  ].filter(Boolean) as string[];
  const valid = missing.length === 0 && !!me;

  const submit = async () => {
    if (!valid || !me || !where) return void Toast.show({ content: t("inc.stillNeeded", { fields: missing.join("、") }) });
    // The field shows Asia/Shanghai wall time, like every time in the app.
    const occurredAt = dayjs.tz(occurred, TZ);
    const now = dayjs();
    const input: CreateIncidentInput = {
      title: title.trim(),
      typeId: typeId!,
      unitId: me.unitId,
      ...where,
      ...(address.trim() ? { address: address.trim() } : {}),
      occurredAt: (occurredAt.isValid() && occurredAt.isBefore(now) ? occurredAt : now).toISOString(),
      learnedAt: now.toISOString(),
      level,
      sensitive,
      exercise: false,
      figures,
      body: body.trim(),
      reporterName: me.displayName,
    };
    const key = newKey();
    setSending(true);
    try {
      const incident = await postIncident(input, key);
      if (photos.length) {
        Toast.show({ icon: "loading", content: t("inc.photosUploading"), duration: 0 });
        await uploadPhotos(incident.id, incident.reports[0].id, photos).catch(async () => {
          // The report is in; the photos wait on the phone and go up with the next flush.
          await keepPhotos(key, photos);
          enqueue({ key, kind: "photos", incidentId: incident.id, reportId: incident.reports[0].id, queuedAt: new Date().toISOString(), userId: me.id });
          Toast.show({ content: t("inc.photosFailed"), duration: 3000 });
        });
      }
      void qc.invalidateQueries({ queryKey: INC_KEYS.all });
      Toast.show({ icon: "success", content: `${t("inc.created")} · ${t("inc.suggested")} ${incident.suggestedLevel}` });
      navigate(`/m/report/${incident.id}`, { replace: true });
    } catch (err) {
      if (isNetworkError(err)) {
        await keepPhotos(key, photos).catch(() => Toast.show({ content: t("inc.photosFailed") }));
        enqueue({ key, kind: "incident", input, queuedAt: new Date().toISOString(), userId: me.id });
        Toast.show({ content: t("inc.queued"), duration: 3000 });
        navigate("/m/report", { replace: true });
      } else Toast.show({ icon: "fail", content: (err as Error).message });
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <NavBar className="m-navbar" onBack={() => navigate("/m/report")}>{t("inc.create")}</NavBar>
      <div data-testid="m-report-form">
        <List mode="card">
          <List.Item title={t("inc.title")}>
            <Input value={title} onChange={setTitle} maxLength={100} data-testid="m-inc-title" />
          </List.Item>
          <List.Item title={t("inc.type")}>
            <TypeSelect value={typeId} onChange={setTypeId} />
          </List.Item>
          <List.Item title={t("inc.occurredAt")}>
            <input className="m-native-select" type="datetime-local" value={occurred} onChange={(e) => setOccurred(e.target.value)} data-testid="m-inc-occurred" />
          </List.Item>
        </List>
        <List header={t("inc.place")} mode="card">
          <LocationField value={location} onChange={setLocation} />
          <List.Item title={t("inc.landmark")}>
            <Input value={address} onChange={setAddress} maxLength={200} placeholder={t("inc.landmarkHelp")} data-testid="m-inc-address" />
          </List.Item>
        </List>
        <FigureSteppers value={figures} onChange={setFigures} />
        <List header={t("inc.level")} mode="card">
          <List.Item description={t("inc.levelHelp")}>
            <Selector columns={4} value={[level]} onChange={(v) => v[0] && setLevel(v[0])} options={INCIDENT_LEVELS.map((l) => ({ value: l, label: l }))} data-testid="m-inc-level" />
          </List.Item>
          {suggestion && suggestion.level !== level && (
            <List.Item
              data-testid="m-inc-level-suggestion"
              description={suggestion.reasons.join("；") || undefined}
              extra={<Button size="mini" color="primary" fill="outline" onClick={() => setLevel(suggestion.level)}>{t("inc.levelAdopt")}</Button>}
            >
              {t("inc.suggested")}：{t(`inc.level.${suggestion.level}`)}
            </List.Item>
          )}
          <List.Item>
            <Checkbox checked={sensitive} onChange={setSensitive}>{t("inc.sensitive")}</Checkbox>
          </List.Item>
        </List>
        <List header={t("inc.body")} mode="card">
          <List.Item>
            <TextArea value={body} onChange={setBody} rows={4} maxLength={4000} placeholder={t("inc.bodyHelp")} data-testid="m-inc-body" />
          </List.Item>
        </List>
        <PhotoPicker value={photos} onChange={setPhotos} />
        <div className="m-page-pad">
          {missing.length > 0 && <div className="m-missing" data-testid="m-inc-missing">{t("inc.stillNeeded", { fields: missing.join("、") })}</div>}
          <Button block color="primary" size="large" loading={sending} disabled={!valid} onClick={() => void submit()} data-testid="m-inc-submit">
            {t("inc.submit")}
          </Button>
        </div>
      </div>
    </>
  );
}
