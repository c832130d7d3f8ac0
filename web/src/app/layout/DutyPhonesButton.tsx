import { PhoneOutlined } from "@ant-design/icons";
import { Popover } from "antd";
import { DutyPhoneList } from "../../modules/org/components/DutyPhoneList.tsx";
import { useCan } from "../auth/useCan.ts";
import { useI18n } from "../i18n/useI18n.ts";

/** 值班电话 in the header: the duty phones of the user's chain, one click away from any page. */
export function DutyPhonesButton() {
  const { t } = useI18n();
  const can = useCan();
  if (!can("org.read")) return null;
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      arrow={false}
      title={
        <div className="duty-popover-title">
          {t("duty.title")}
          <span className="duty-popover-sub">{t("duty.sub")}</span>
        </div>
      }
      content={
        <div className="duty-popover" data-testid="header-duty-popover">
          <DutyPhoneList testPrefix="header-duty" />
        </div>
      }
    >
      <button type="button" className="header-duty" title={t("header.dutyPhones")} data-testid="header-duty-phones">
        <PhoneOutlined /> <span className="header-duty-label">{t("header.dutyPhones")}</span>
      </button>
    </Popover>
  );
}
