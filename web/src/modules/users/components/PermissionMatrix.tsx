import { CheckOutlined } from "@ant-design/icons";
import { PERMISSIONS, ROLE_LABELS, ROLES, type Permission, type Role } from "@yingji/contracts";
import { Table, Typography } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { PERMISSION_LABELS } from "../permission-labels.ts";

/** The permission table of the contracts, read-only: who may do what. */
export function PermissionMatrix() {
  const { t, l } = useI18n();
  const rows = (Object.keys(PERMISSIONS) as Permission[]).map((p) => ({ key: p, roles: PERMISSIONS[p] as readonly Role[] }));
  return (
    <Table
      size="small"
      bordered
      pagination={false}
      dataSource={rows}
      scroll={{ x: 1100 }}
      data-testid="permission-matrix"
      columns={[
        {
          title: t("users.permission"),
          dataIndex: "key",
          fixed: "left",
          width: 260,
          render: (p: Permission) => (
            <div>
              <div>{PERMISSION_LABELS[p] ? l(PERMISSION_LABELS[p]) : p}</div>
              <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                {p}
              </Typography.Text>
            </div>
          ),
        },
        ...ROLES.map((r) => ({
          title: <span className="role-col">{l(ROLE_LABELS[r])}</span>,
          key: r,
          width: 96,
          align: "center" as const,
          render: (_: unknown, row: (typeof rows)[number]) => (row.roles.includes(r) ? <CheckOutlined className="perm-yes" /> : <span className="muted">—</span>),
        })),
      ]}
    />
  );
}
