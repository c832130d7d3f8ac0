import { CheckCircleFilled, CloseCircleOutlined, PhoneFilled } from "@ant-design/icons";
import { SIX_IN_PLACE_LABELS } from "@yingji/contracts";
import { Card, DotLoading, ErrorBlock, NavBar, ProgressBar } from "antd-mobile";
import { useCan } from "../app/auth/useCan.ts";
import { useMe } from "../app/auth/useMe.ts";
import { telHref } from "../app/components/PhoneLink.tsx";
import { useI18n } from "../app/i18n/useI18n.ts";
import { useChecklist } from "../modules/org/hooks/useChecklist.ts";
import { useUnit } from "../modules/org/hooks/useUnit.ts";
import { useDutyPhones } from "../modules/org/hooks/useDutyPhones.ts";
import { useUnitKinds } from "../modules/org/hooks/useUnitKinds.ts";
import { MobileNoAccess } from "./MobileNoAccess.tsx";
import { PeopleList } from "./PeopleList.tsx";
import { DutyPhoneRow } from "./UnitPhoneList.tsx";
import { KeptNotice } from "./offline/KeptNotice.tsx";

/** 我的单位: the user's own unit, its six-in-place progress and its people. */
export function MyUnitPage() {
  const { t, l } = useI18n();
  const { data: me } = useMe();
  const can = useCan();
  const allowed = can("org.read");
  const { data: unit, isPending, error, dataUpdatedAt } = useUnit(allowed ? me?.unitId : undefined);
  const { data: checklist } = useChecklist(allowed ? me?.unitId : undefined);
  const { kindLabel } = useUnitKinds();
  const { groups } = useDutyPhones();
  const done = checklist?.filter((i) => i.done).length ?? 0;

  return (
    <>
      <NavBar back={null} className="m-navbar">
        {t("m.tabUnit")}
      </NavBar>
      {!allowed ? (
        <MobileNoAccess />
      ) : isPending ? (
        <div className="m-center">
          <DotLoading color="primary" />
        </div>
      ) : !unit ? (
        <ErrorBlock status="disconnected" title={t("common.loadFailed")} description={error?.message ?? ""} />
      ) : (
        <div className="m-page-pad" data-testid="m-my-unit">
          <KeptNotice refreshedAt={dataUpdatedAt} failed={!!error} />
          <Card className="m-card">
            <div className="m-unit-name">{unit.name}</div>
            <div className="m-unit-kind">{kindLabel(unit.kind)}</div>
            {unit.dutyPhone && (
              <a className="m-tel m-tel-block" href={telHref(unit.dutyPhone)} data-testid="m-unit-duty-phone">
                <PhoneFilled /> {t("unit.dutyPhone")} {unit.dutyPhone}
              </a>
            )}
            {unit.address && <div className="m-unit-addr">{unit.address}</div>}
          </Card>
          {groups.above.length > 0 && (
            <>
              <div className="m-section-title">{t("m.aboveDuty")}</div>
              <div className="m-duty-list m-duty-list-spaced" data-testid="m-above-phones">
                {groups.above.map((r) => (
                  <DutyPhoneRow key={r.unitId} row={r} testId={`m-above-tel-${r.unitId}`} />
                ))}
              </div>
            </>
          )}
          <Card className="m-card" title={t("checklist.title")} extra={<b>{done} / 6</b>}>
            <ProgressBar percent={(done / 6) * 100} style={{ "--track-width": "8px", marginBottom: 12 }} />
            <div className="m-checklist" data-testid="m-checklist">
              {(checklist ?? []).map((i) => (
                <div key={i.item} className={i.done ? "m-check m-check-done" : "m-check"}>
                  {i.done ? <CheckCircleFilled /> : <CloseCircleOutlined />} {l(SIX_IN_PLACE_LABELS[i.item])}
                </div>
              ))}
            </div>
          </Card>
          <div className="m-section-title">{t("unit.people")}</div>
          <PeopleList q="" unitId={unit.id} showUnit={false} notice={false} />
        </div>
      )}
    </>
  );
}
