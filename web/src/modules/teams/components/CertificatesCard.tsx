import { Alert, Card, Table, Tag } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { lapsingCertificates } from "../certificates.ts";

/** 证书到期提醒: members' certificates lapsing within 60 days, or lapsed. */
export function CertificatesCard({ members }: { members: unknown }) {
  const { t } = useI18n();
  const list = lapsingCertificates(members as Parameters<typeof lapsingCertificates>[0], new Date());
  if (!list.length) return null;
  return (
    <Card size="small" title={t("teams.certsLapsing")} style={{ marginTop: 12 }} data-testid="team-certs-lapsing">
      <Alert type="warning" showIcon title={t("teams.certsHint", { n: list.length })} style={{ marginBottom: 8 }} />
      <Table
        size="small"
        rowKey={(r) => `${r.member}:${r.name}:${r.expiresOn}`}
        dataSource={list}
        pagination={false}
        columns={[
          { title: t("teams.member"), dataIndex: "member" },
          { title: t("teams.certificate"), dataIndex: "name" },
          { title: t("teams.expiresOn"), dataIndex: "expiresOn" },
          {
            title: t("teams.daysLeft"),
            dataIndex: "daysLeft",
            render: (d: number) => (d < 0 ? <Tag color="error">{t("teams.lapsed")}</Tag> : <Tag color="warning">{t("teams.inDays", { n: d })}</Tag>),
          },
        ]}
      />
    </Card>
  );
}
