import { Empty } from "antd";
import { Link } from "react-router";
import { useMe } from "../auth/useMe.ts";
import { useI18n } from "../i18n/useI18n.ts";

/**
 * An empty list that says why it is empty and what would fill it: a member department reads by
 * sector (the responsibility matrix), every other unit its own subtree.
 */
export function ScopeEmpty({ what }: { what: "incidents" | "warnings" }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const sector = me?.role === "dept";
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      data-testid={`scope-empty-${what}`}
      description={
        <span>
          {t(sector ? `scopeEmpty.sector.${what}` : `scopeEmpty.subtree.${what}`, { unit: me?.unitName ?? "" })}
          {sector && <> <Link to="/org/responsibilities">{t("nav.org.responsibilities")}</Link></>}
        </span>
      }
    />
  );
}
