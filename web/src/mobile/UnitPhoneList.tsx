import { PhoneFilled } from "@ant-design/icons";
import type { DutyPhone } from "@yingji/contracts";
import { DotLoading, ErrorBlock } from "antd-mobile";
import { telHref } from "../app/components/PhoneLink.tsx";
import type { DictKey } from "../app/i18n/dict.ts";
import { useI18n } from "../app/i18n/useI18n.ts";
import { DUTY_RELATIONS, useDutyPhones, type DutyRelation } from "../modules/org/hooks/useDutyPhones.ts";
import { useUnitKinds } from "../modules/org/hooks/useUnitKinds.ts";
import { useUnits } from "../modules/org/hooks/useUnits.ts";
import { KeptNotice } from "./offline/KeptNotice.tsx";

type Row = Pick<DutyPhone, "unitId" | "name" | "kind" | "dutyPhone">;
type GroupKey = DutyRelation | "others";

const GROUP_LABEL: Record<GroupKey, DictKey> = { above: "duty.above", self: "duty.self", below: "duty.below", others: "duty.others" };

/** One duty phone: the whole row is the tel: link (a 72-px target), the number large enough to read back. */
export function DutyPhoneRow({ row, testId }: { row: Row; testId: string }) {
  const { t } = useI18n();
  const { kindLabel } = useUnitKinds();
  return (
    <a className="m-duty-row" href={telHref(row.dutyPhone)} data-testid={testId} aria-label={`${t("m.callNow")} ${row.name} ${row.dutyPhone}`}>
      <div className="m-duty-text">
        <div className="m-duty-name">
          <span className="m-duty-name-text">{row.name}</span>
          <span className="m-duty-kind">{kindLabel(row.kind)}</span>
        </div>
        <div className="m-duty-num">{row.dutyPhone}</div>
      </div>
      <span className="m-duty-call" aria-hidden>
        <PhoneFilled />
      </span>
    </a>
  );
}

/**
 * 单位值班电话: the 24-hour duty phones of the units above the user, their own unit and the
 * units directly below (GET /api/org/duty-phones), then any other unit in scope that has one.
 * Public office lines: shown in full, dialled directly, no reveal step.
 */
export function UnitPhoneList({ q }: { q: string }) {
  const { t } = useI18n();
  const duty = useDutyPhones();
  const { data: units } = useUnits();
  const needle = q.trim().toLowerCase();
  const digits = needle.replace(/\D/g, "");
  const matches = (r: Row) =>
    !needle || r.name.toLowerCase().includes(needle) || (digits.length >= 3 && r.dutyPhone.replace(/\D/g, "").includes(digits));

  if (duty.isPending)
    return (
      <div className="m-center">
        <DotLoading color="primary" />
      </div>
    );
  if (duty.isError && !duty.data) return <ErrorBlock status="disconnected" title={t("common.loadFailed")} description={duty.error.message} />;

  // Units deeper in the scope (a district officer's villages) keep their place after the chain.
  const listed = new Set((duty.data ?? []).map((r) => r.unitId));
  const others: Row[] = (units ?? [])
    .filter((u) => u.active && u.dutyPhone && !listed.has(u.id))
    .sort((a, b) => a.depth - b.depth || a.sort - b.sort)
    .slice(0, 200)
    .map((u) => ({ unitId: u.id, name: u.name, kind: u.kind, dutyPhone: u.dutyPhone! }));

  const groups: { key: GroupKey; rows: Row[] }[] = [
    ...DUTY_RELATIONS.map((key) => ({ key, rows: duty.groups[key].filter(matches) })),
    { key: "others" as const, rows: others.filter(matches) },
  ];
  const total = groups.reduce((n, g) => n + g.rows.length, 0);
  const selfMissing = !needle && duty.groups.self.length === 0;
  const belowMissing = !needle && duty.groups.below.length === 0 && duty.hasChildren;
  const missingHint: Partial<Record<GroupKey, DictKey>> = {
    ...(selfMissing ? { self: "duty.selfMissing" } : {}),
    ...(belowMissing ? { below: "duty.belowMissing" } : {}),
  };

  return (
    <div className="m-duty" data-testid="m-unit-phone-list">
      <KeptNotice refreshedAt={duty.dataUpdatedAt} failed={duty.isError} />
      <div className="m-duty-note">{t("duty.sub")}</div>
      {total === 0 && <ErrorBlock status="empty" title={needle ? t("m.noUnits") : t("duty.none")} description="" />}
      {groups.map((g) =>
        g.rows.length === 0 && !missingHint[g.key] ? null : (
          <section key={g.key} className="m-duty-group" data-testid={`m-duty-group-${g.key}`}>
            <div className="m-section-title">
              {t(GROUP_LABEL[g.key])}
              {g.rows.length > 1 && <span className="m-count">{g.rows.length}</span>}
            </div>
            {g.rows.length === 0 ? (
              <div className="m-duty-missing" data-testid={`m-duty-${g.key}-missing`}>
                {t(missingHint[g.key]!)}
              </div>
            ) : (
              <div className="m-duty-list">
                {g.rows.map((r) => (
                  <DutyPhoneRow key={r.unitId} row={r} testId={`m-unit-tel-${r.unitId}`} />
                ))}
              </div>
            )}
          </section>
        ),
      )}
    </div>
  );
}
