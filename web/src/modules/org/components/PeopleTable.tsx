import { EditOutlined, EyeOutlined } from "@ant-design/icons";
import { EMERGENCY_ROLE_LABELS, type Person } from "@yingji/contracts";
import { Alert, Button, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useCan } from "../../../app/auth/useCan.ts";
import { PhoneLink } from "../../../app/components/PhoneLink.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useUnmask } from "../hooks/useUnmask.ts";
import type { Page, UnmaskedPhones } from "../org.types.ts";

interface Props {
  data: Page<Person> | undefined;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
  onEdit?: (person: Person, phones: UnmaskedPhones | undefined) => void;
  /** Fewer columns, for the unit page. */
  compact?: boolean;
}

/** The contact directory table: masked phones with a per-row, audited "show number". */
export function PeopleTable({ data, loading, onPage, onEdit, compact }: Props) {
  const { t, l } = useI18n();
  const can = useCan();
  const { revealed, reveal, pendingId } = useUnmask();
  const canUnmask = can("people.unmask");
  const canWrite = can("people.write") && !!onEdit;

  const columns: ColumnsType<Person> = [
    {
      title: t("person.name"),
      dataIndex: "name",
      width: 130,
      fixed: "left",
      render: (v: string, p) => (
        <Space size={4}>
          <b>{v}</b>
          {p.isLiaison && <Tag color="blue">{t("person.liaisonShort")}</Tag>}
          {!p.active && <Tag>{t("common.inactive")}</Tag>}
        </Space>
      ),
    },
    ...(compact ? [] : [{ title: t("person.unit"), dataIndex: "unitName", width: 170, ellipsis: true }]),
    { title: t("person.title"), dataIndex: "title", width: 140, ellipsis: true, render: (v: string | null) => v || "—" },
    {
      title: t("person.roles"),
      dataIndex: "emergencyRoles",
      width: 180,
      render: (roles: Person["emergencyRoles"]) =>
        roles.length ? (
          <Space size={[2, 2]} wrap>
            {roles.map((r) => (
              <Tag key={r} color={r === "commander" ? "red" : r === "liaison" ? "blue" : undefined}>
                {l(EMERGENCY_ROLE_LABELS[r])}
              </Tag>
            ))}
          </Space>
        ) : (
          "—"
        ),
    },
    ...(compact
      ? []
      : [
          {
            title: t("person.duty"),
            dataIndex: "duty",
            width: 220,
            render: (v: string | null) => (
              <Typography.Text ellipsis={{ tooltip: v }} style={{ width: 200 }}>
                {v || "—"}
              </Typography.Text>
            ),
          },
        ]),
    {
      title: t("person.mobile"),
      dataIndex: "mobile",
      width: 140,
      render: (v: string | null, p) => <PhoneLink phone={revealed[p.id]?.mobile ?? v} testId={`person-mobile-${p.id}`} />,
    },
    {
      title: t("person.officePhone"),
      dataIndex: "officePhone",
      width: 160,
      render: (v: string | null, p) => <PhoneLink phone={revealed[p.id]?.officePhone ?? v} testId={`person-office-${p.id}`} />,
    },
    {
      title: t("common.actions"),
      key: "actions",
      width: canWrite ? 170 : 110,
      fixed: "right",
      render: (_: unknown, p) => (
        <Space size={0}>
          {canUnmask && !revealed[p.id] && (p.mobile || p.officePhone) && (
            <Tooltip title={t("person.unmaskHint")}>
              <Button
                type="link"
                size="small"
                icon={<EyeOutlined />}
                loading={pendingId === p.id}
                onClick={() => void reveal(p.id).catch(() => {})}
                data-testid={`unmask-${p.id}`}
              >
                {t("person.unmask")}
              </Button>
            </Tooltip>
          )}
          {canWrite && (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit?.(p, revealed[p.id])} data-testid={`person-edit-${p.id}`}>
              {t("common.edit")}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
    {!canUnmask && (data?.items.length ?? 0) > 0 && (
      // Without the unmask permission there is no call button: say why, and where to call instead.
      <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t("m.noCallReason")} data-testid="people-no-call-reason" />
    )}
    <Table<Person>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={data?.items}
      loading={loading}
      scroll={{ x: compact ? 900 : 1340 }}
      onRow={(p) => ({ "data-testid": `person-row-${p.id}` }) as React.HTMLAttributes<HTMLElement>}
      pagination={{
        current: data?.page ?? 1,
        pageSize: data?.pageSize ?? 20,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        showTotal: (n) => t("common.total", { n }),
        onChange: onPage,
        size: "small",
      }}
      data-testid="people-table"
    />
    </>
  );
}
