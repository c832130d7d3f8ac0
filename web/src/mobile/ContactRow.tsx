import { PhoneFilled } from "@ant-design/icons";
import { EMERGENCY_ROLE_LABELS, type Person } from "@yingji/contracts";
import { Button, Tag } from "antd-mobile";
import { telHref } from "../app/components/PhoneLink.tsx";
import { useI18n } from "../app/i18n/useI18n.ts";
import type { UnmaskedPhones } from "../modules/org/org.types.ts";

interface Props {
  person: Person;
  phones: UnmaskedPhones | undefined;
  canCall: boolean;
  calling: boolean;
  onCall: () => void;
  showUnit?: boolean;
}

/** One contact: who, where, and a 拨打 button that reveals the numbers (audited) as tel: links. */
export function ContactRow({ person: p, phones, canCall, calling, onCall, showUnit = true }: Props) {
  const { t, l } = useI18n();
  const hasPhone = !!(p.mobile || p.officePhone);
  return (
    <div className="m-contact" data-testid={`m-contact-${p.id}`}>
      <div className="m-contact-main">
        <div className="m-contact-avatar">{p.name.slice(0, 1)}</div>
        <div className="m-contact-text">
          <div className="m-contact-name">
            {p.name}
            {p.isLiaison && (
              <Tag color="primary" fill="outline" className="m-tag">
                {t("person.liaisonShort")}
              </Tag>
            )}
          </div>
          <div className="m-contact-sub">{[showUnit ? p.unitName : null, p.title].filter(Boolean).join(" · ") || "—"}</div>
          {p.emergencyRoles.length > 0 && (
            <div className="m-contact-roles">{p.emergencyRoles.map((r) => l(EMERGENCY_ROLE_LABELS[r])).join("、")}</div>
          )}
          {!phones && <div className="m-contact-masked">{[p.mobile, p.officePhone].filter(Boolean).join("  ") || t("m.noPhone")}</div>}
        </div>
        {canCall && hasPhone && !phones && (
          <Button color="primary" size="middle" shape="rounded" loading={calling} onClick={onCall} className="m-call-btn" data-testid={`m-call-${p.id}`}>
            <PhoneFilled /> {t("m.call")}
          </Button>
        )}
      </div>
      {phones && (
        <div className="m-contact-phones">
          {phones.mobile && (
            <a className="m-tel" href={telHref(phones.mobile)} data-testid={`m-tel-mobile-${p.id}`}>
              <PhoneFilled /> {t("person.mobile")} {phones.mobile}
            </a>
          )}
          {phones.officePhone && (
            <a className="m-tel m-tel-office" href={telHref(phones.officePhone)} data-testid={`m-tel-office-${p.id}`}>
              <PhoneFilled /> {t("person.officePhone")} {phones.officePhone}
            </a>
          )}
          {!phones.mobile && !phones.officePhone && <span className="m-contact-masked">{t("m.noPhone")}</span>}
        </div>
      )}
    </div>
  );
}
