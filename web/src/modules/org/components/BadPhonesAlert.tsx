import { Alert, Button, Collapse, Table } from "antd";
import { INVALID_PHONE_MASK, type BadPhone } from "@yingji/contracts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useBadPhones } from "../hooks/useBadPhones.ts";

/**
 * Numbers saved before the phone check that are no valid number (security notes, input
 * finding 12): listed for correction instead of being masked into something plausible.
 */
export function BadPhonesAlert({ onFix }: { onFix: (personId: string) => void }) {
  const { t } = useI18n();
  const bad = useBadPhones();
  if (!bad.data || bad.data.total === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      message={t("people.badPhones", { n: bad.data.total })}
      data-testid="bad-phones"
      description={
        <Collapse ghost size="small" items={[{
          key: "list",
          label: t("people.badPhonesHelp"),
          children: (
            <Table<BadPhone>
              size="small"
              rowKey={(r) => `${r.personId}:${r.field}`}
              dataSource={bad.data.items}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t("person.name"), dataIndex: "name" },
                { title: t("person.unit"), dataIndex: "unitName" },
                { title: "", dataIndex: "field", render: (f: BadPhone["field"]) => t(f === "mobile" ? "person.mobile" : "person.officePhone") },
                { title: t("people.badPhoneValue"), dataIndex: "value", render: (v: string | null) => v ?? INVALID_PHONE_MASK },
                { title: "", key: "fix", render: (_: unknown, r) => <Button size="small" type="link" onClick={() => onFix(r.personId)}>{t("people.fix")}</Button> },
              ]}
            />
          ),
        }]} />
      }
    />
  );
}
