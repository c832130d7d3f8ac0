import { EditOutlined, PlusOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { managesRole, ROLE_LABELS, ROLES, type Role, type UserSummary } from "@yingji/contracts";
import { Badge, Button, Card, Flex, Input, Select, Table, Tabs, Tag } from "antd";
import { useState } from "react";
import { useMe } from "../../app/auth/useMe.ts";
import { PageHeader } from "../../app/components/PageHeader.tsx";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { formatTime } from "../../app/time.ts";
import { PermissionMatrix } from "./components/PermissionMatrix.tsx";
import { UserFormModal } from "./components/UserFormModal.tsx";
import { useUsers, type UserParams } from "./hooks/useUsers.ts";

/** 用户与角色: accounts, their role and unit, and the permission table. */
export function UsersPage() {
  const { t, l } = useI18n();
  const [params, setParams] = useState<UserParams>({ page: 1, pageSize: 50 });
  const [editing, setEditing] = useState<{ user: UserSummary | null } | null>(null);
  const users = useUsers(params);
  const { data: me } = useMe();

  const list = (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t("users.search")}
          onSearch={(q) => setParams((p) => ({ ...p, q: q.trim() || undefined, page: 1 }))}
          style={{ width: 280 }}
          data-testid="users-search"
        />
        <Select<Role>
          allowClear
          placeholder={t("users.filterRole")}
          style={{ width: 200 }}
          value={params.role}
          onChange={(role) => setParams((p) => ({ ...p, role, page: 1 }))}
          options={ROLES.map((r) => ({ value: r, label: l(ROLE_LABELS[r]) }))}
          data-testid="users-role-filter"
        />
      </Flex>
      <Table<UserSummary>
        size="small"
        rowKey="id"
        loading={users.isFetching}
        dataSource={users.data?.items}
        data-testid="users-table"
        onRow={(u) => ({ "data-testid": `user-row-${u.username}` }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: users.data?.page ?? 1,
          pageSize: users.data?.pageSize ?? 50,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t("common.total", { n }),
          onChange: (page, pageSize) => setParams((p) => ({ ...p, page, pageSize })),
          size: "small",
        }}
        columns={[
          { title: t("users.username"), dataIndex: "username", width: 140, render: (v: string) => <b>{v}</b> },
          { title: t("users.displayName"), dataIndex: "displayName", width: 140 },
          { title: t("users.role"), dataIndex: "role", width: 170, render: (r: Role) => <Tag color={r === "admin" ? "volcano" : r === "secadmin" ? "magenta" : r === "auditor" ? "purple" : "blue"}>{l(ROLE_LABELS[r])}</Tag> },
          { title: t("users.unit"), dataIndex: "unitName", ellipsis: true },
          {
            title: t("users.status"),
            dataIndex: "active",
            width: 90,
            render: (a: boolean) => <Badge status={a ? "success" : "default"} text={a ? t("common.active") : t("common.disabled")} />,
          },
          {
            title: t("users.totp"),
            dataIndex: "totpEnabled",
            width: 100,
            render: (v: boolean) => (v ? <Tag icon={<SafetyCertificateOutlined />} color="green">{t("users.totpOn")}</Tag> : <span className="muted">{t("users.totpOff")}</span>),
          },
          { title: t("users.lastLogin"), dataIndex: "lastLoginAt", width: 150, render: (v: string | null) => formatTime(v) },
          {
            title: t("common.actions"),
            key: "actions",
            width: 90,
            // 三员管理: accounts of a role this administrator does not manage are shown, not editable.
            render: (_v, u) =>
              me && managesRole(me.role, u.role) ? (
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ user: u })} data-testid={`user-edit-${u.username}`}>
                  {t("common.edit")}
                </Button>
              ) : (
                <span className="muted" title={t("users.notManaged")} data-testid={`user-locked-${u.username}`}>
                  {t("users.notManagedShort")}
                </span>
              ),
          },
        ]}
      />
    </>
  );

  return (
    <div className="page">
      <PageHeader
        title={t("nav.users")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: null })} data-testid="user-create">
            {t("users.create")}
          </Button>
        }
      />
      <Card size="small">
        <Tabs
          items={[
            { key: "users", label: t("users.accounts"), children: list },
            { key: "perms", label: t("users.permissions"), children: <PermissionMatrix /> },
          ]}
        />
      </Card>
      <UserFormModal open={!!editing} user={editing?.user ?? null} onClose={() => setEditing(null)} />
    </div>
  );
}
