import { DownOutlined, LogoutOutlined, PoweroffOutlined, UserOutlined } from "@ant-design/icons";
import { ROLE_LABELS, type Me } from "@yingji/contracts";
import { App, Avatar, Dropdown, Space } from "antd";
import { useNavigate } from "react-router";
import { useLogout } from "../auth/useLogout.ts";
import { useI18n } from "../i18n/useI18n.ts";

export function UserMenu({ me }: { me: Me }) {
  const { t, l } = useI18n();
  const logout = useLogout();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const out = (everywhere: boolean) =>
    logout.mutate(everywhere, { onSettled: () => navigate("/login", { replace: true }) });

  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: [
          { key: "who", disabled: true, label: `${me.username} · ${l(ROLE_LABELS[me.role])}` },
          { type: "divider" },
          { key: "logout", icon: <LogoutOutlined />, label: <span data-testid="logout">{t("header.logout")}</span> },
          {
            key: "logout-all",
            icon: <PoweroffOutlined />,
            danger: true,
            label: <span data-testid="logout-all">{t("header.logoutAll")}</span>,
          },
        ],
        onClick: ({ key }) => {
          if (key === "logout") out(false);
          if (key === "logout-all")
            modal.confirm({
              title: t("header.logoutAll"),
              content: t("header.logoutAllConfirm"),
              okButtonProps: { danger: true },
              onOk: () => out(true),
            });
        },
      }}
    >
      <Space className="header-user" data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} className="header-avatar" />
        <span data-testid="header-user-name">{me.displayName}</span>
        <DownOutlined style={{ fontSize: 10 }} />
      </Space>
    </Dropdown>
  );
}
