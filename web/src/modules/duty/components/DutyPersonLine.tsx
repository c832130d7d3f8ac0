import { EyeOutlined } from "@ant-design/icons";
import type { DutyPerson } from "@yingji/contracts";
import { Button } from "antd";
import { useCan } from "../../../app/auth/useCan.ts";
import { PhoneLink } from "../../../app/components/PhoneLink.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import type { useUnmask } from "../../org/hooks/useUnmask.ts";

/** A person on a shift: name, post, mobile (masked until revealed; the reveal is audited). */
export function DutyPersonLine({ person, unmask, testId }: { person: DutyPerson; unmask: ReturnType<typeof useUnmask>; testId: string }) {
  const { t } = useI18n();
  const can = useCan();
  const shown = unmask.revealed[person.id];
  const mobile = shown?.mobile ?? person.mobile;
  const office = shown?.officePhone ?? person.officePhone;
  const masked = !shown && !!(mobile?.includes("*") || office?.includes("*"));
  return (
    <div className="duty-person" data-testid={testId}>
      <span className="duty-person-name">{person.name}</span>
      {person.title && <span className="muted duty-person-title">{person.title}</span>}
      <span className="duty-person-phones">
        {mobile && <PhoneLink phone={mobile} testId={`${testId}-mobile`} />}
        {office && <PhoneLink phone={office} testId={`${testId}-office`} />}
        {!mobile && !office && <span className="muted">{t("duty.noPhone")}</span>}
        {masked && can("people.unmask") && (
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            loading={unmask.pendingId === person.id}
            onClick={() => unmask.reveal(person.id).catch(() => {})}
            data-testid={`${testId}-reveal`}
          >
            {t("duty.reveal")}
          </Button>
        )}
      </span>
    </div>
  );
}
