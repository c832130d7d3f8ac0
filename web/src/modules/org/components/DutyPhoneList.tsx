import { PhoneOutlined } from "@ant-design/icons";
import { Empty, Spin, Tag, Typography } from "antd";
import type { DictKey } from "../../../app/i18n/dict.ts";
import { telHref } from "../../../app/components/PhoneLink.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { DUTY_RELATIONS, useDutyPhones, type DutyRelation } from "../hooks/useDutyPhones.ts";
import { useUnitKinds } from "../hooks/useUnitKinds.ts";

const LABEL: Record<DutyRelation, DictKey> = { above: "duty.above", self: "duty.self", below: "duty.below" };

/**
 * The duty phones (值班电话) of the user's chain, grouped 上级 / 本单位 / 下级: the number large,
 * a tel: link (softphones and phones dial it) with a copy button for a desk phone.
 * `testPrefix` keeps the test ids unique where the list shows twice (header and home page).
 */
export function DutyPhoneList({ testPrefix }: { testPrefix: string }) {
  const { t } = useI18n();
  const { kindLabel } = useUnitKinds();
  const { groups, hasChildren, isPending, isError, error, data } = useDutyPhones();
  if (isPending) return <Spin style={{ display: "block", margin: "24px auto" }} />;
  if (isError) return <Typography.Text type="danger">{error.message}</Typography.Text>;
  if (!data?.length && !hasChildren) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("duty.none")} />;

  return (
    <div className="duty-list" data-testid={`${testPrefix}-list`}>
      {DUTY_RELATIONS.map((rel) => {
        const rows = groups[rel];
        if (rows.length === 0 && rel === "above") return null;
        if (rows.length === 0 && rel === "below" && !hasChildren) return null;
        return (
          <div key={rel} className="duty-group" data-testid={`${testPrefix}-group-${rel}`}>
            <div className="duty-group-title">
              {t(LABEL[rel])}
              {rows.length > 1 && <span className="duty-group-count">{rows.length}</span>}
            </div>
            {rows.length === 0 && <div className="duty-missing">{t(rel === "self" ? "duty.selfMissing" : "duty.belowMissing")}</div>}
            {rows.map((r) => (
              <div key={r.unitId} className={rel === "self" ? "duty-row duty-row-self" : "duty-row"}>
                <div className="duty-unit">
                  <span className="duty-unit-name" title={r.name}>
                    {r.name}
                  </span>
                  <Tag variant="filled" className="duty-kind">
                    {kindLabel(r.kind)}
                  </Tag>
                </div>
                <Typography.Text
                  className="duty-number"
                  copyable={{ text: r.dutyPhone, tooltips: [t("duty.copy"), t("common.copied")] }}
                >
                  <a href={telHref(r.dutyPhone)} data-testid={`${testPrefix}-tel-${r.unitId}`}>
                    <PhoneOutlined /> {r.dutyPhone}
                  </a>
                </Typography.Text>
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
