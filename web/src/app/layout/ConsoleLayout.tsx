import { ROLE_LABELS } from "@yingji/contracts";
import { MenuOutlined } from "@ant-design/icons";
import { Alert, Drawer, Grid, Layout, Menu, Tag } from "antd";
import { useEffect, useState } from "react";
import { Outlet, useLocation } from "react-router";
import { useMe } from "../auth/useMe.ts";
import { useI18n } from "../i18n/useI18n.ts";
import { navKeyOf } from "../nav.ts";
import { NotificationBell } from "../../modules/todo/components/NotificationBell.tsx";
import { DutyPhonesButton } from "./DutyPhonesButton.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { useMenuItems } from "./useMenuItems.tsx";
import { UserMenu } from "./UserMenu.tsx";

export function ConsoleLayout() {
  const { t, l } = useI18n();
  const { data: me } = useMe();
  const location = useLocation();
  const { items, paths, openKeys } = useMenuItems();
  const [collapsed, setCollapsed] = useState(false);
  // Below md (a phone) the menu folds away completely and the field app is offered instead.
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const [drawer, setDrawer] = useState(false);
  useEffect(() => setDrawer(false), [location.pathname]);
  const selected = navKeyOf(location.pathname, paths);
  if (!me) return null;

  const menu = (
    <Menu mode="inline" items={items} selectedKeys={selected ? [selected] : []} defaultOpenKeys={openKeys} data-testid="main-menu" />
  );

  return (
    <Layout className="console">
      <Layout.Header className="console-header">
        <div className="console-brand">
          {narrow && (
            <button type="button" className="header-menu-btn" aria-label="menu" onClick={() => setDrawer(true)} data-testid="nav-drawer-open">
              <MenuOutlined />
            </button>
          )}
          <div className="console-emblem" />
          <span className="console-title">{t("app.title")}</span>
        </div>
        <div className="console-header-right">
          <NotificationBell />
          <DutyPhonesButton />
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
        {narrow ? (
          <Drawer placement="left" open={drawer} onClose={() => setDrawer(false)} size={260} closable={false} styles={{ body: { padding: 0 } }}>
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider
            width={216}
            breakpoint="lg"
            collapsedWidth={64}
            onBreakpoint={setCollapsed}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            theme="light"
            className="console-sider"
          >
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content className="console-content">
          {narrow && (
            <Alert
              type="info"
              showIcon
              closable
              className="narrow-hint"
              title={t("console.narrowHint")}
              action={<a href="/m/contacts">{t("console.openFieldApp")}</a>}
            />
          )}
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
