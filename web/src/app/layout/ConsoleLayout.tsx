import { ROLE_LABELS } from "@yingji/contracts";
import { Layout, Menu, Tag } from "antd";
import { useState } from "react";
import { Outlet, useLocation } from "react-router";
import { useMe } from "../auth/useMe.ts";
import { useI18n } from "../i18n/useI18n.ts";
import { navKeyOf } from "../nav.ts";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { useMenuItems } from "./useMenuItems.tsx";
import { UserMenu } from "./UserMenu.tsx";

export function ConsoleLayout() {
  const { t, l } = useI18n();
  const { data: me } = useMe();
  const location = useLocation();
  const { items, paths, openKeys } = useMenuItems();
  const [collapsed, setCollapsed] = useState(false);
  const selected = navKeyOf(location.pathname, paths);
  if (!me) return null;

  return (
    <Layout className="console">
      <Layout.Header className="console-header">
        <div className="console-brand">
          <div className="console-emblem" />
          <span className="console-title">{t("app.title")}</span>
        </div>
        <div className="console-header-right">
          <span className="header-unit" data-testid="header-unit">
            {me.unitName}
          </span>
          <Tag className="header-role" data-testid="header-role">
            {l(ROLE_LABELS[me.role])}
          </Tag>
          <LanguageSwitch dark />
          <UserMenu me={me} />
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={216}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          theme="light"
          className="console-sider"
        >
          <Menu
            mode="inline"
            items={items}
            selectedKeys={selected ? [selected] : []}
            defaultOpenKeys={openKeys}
            data-testid="main-menu"
          />
        </Layout.Sider>
        <Layout.Content className="console-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
