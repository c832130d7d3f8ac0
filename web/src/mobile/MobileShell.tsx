import { TabBar } from "antd-mobile";
import { AlertOutlined, ApartmentOutlined, ContactsOutlined, EnvironmentOutlined, NotificationOutlined, UserOutlined } from "@ant-design/icons";
import { Outlet, useLocation, useNavigate } from "react-router";
import type { Permission } from "@yingji/contracts";
import { useCan } from "../app/auth/useCan.ts";
import { useI18n } from "../app/i18n/useI18n.ts";
import type { DictKey } from "../app/i18n/dict.ts";
import { OutboxRunner } from "./incidents/OutboxRunner.tsx";
import { KeepFresh } from "./offline/KeepFresh.tsx";
import { useWarningArrivals } from "./warnings/useWarningArrivals.ts";

const TABS: { key: string; title: DictKey; icon: React.ReactNode; permission?: Permission }[] = [
  { key: "/m/contacts", title: "m.tabContacts", icon: <ContactsOutlined /> },
  { key: "/m/warnings", title: "warn.inbox", icon: <NotificationOutlined />, permission: "warnings.read" },
  { key: "/m/report", title: "m.tabReport", icon: <AlertOutlined />, permission: "incidents.read" },
  { key: "/m/nearby", title: "m.tabNearby", icon: <EnvironmentOutlined />, permission: "resources.read" },
  { key: "/m/unit", title: "m.tabUnit", icon: <ApartmentOutlined />, permission: "org.read" },
  { key: "/m/me", title: "m.tabMe", icon: <UserOutlined /> },
];

/** The field app frame: the page scrolls, the tab bar stays at the bottom (above the home indicator). */
export function MobileShell() {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const can = useCan();
  const unacked = useWarningArrivals();
  const tabs = TABS.filter((tab) => !tab.permission || can(tab.permission));
  // /m/report/123 belongs to the 上报 tab.
  const active = tabs.find((tab) => location.pathname === tab.key || location.pathname.startsWith(tab.key + "/"))?.key ?? location.pathname;
  return (
    <div className="m-app">
      {can("incidents.report") && <OutboxRunner />}
      <KeepFresh />
      <div className="m-body">
        <Outlet />
      </div>
      <div className="m-tabbar">
        <TabBar activeKey={active} onChange={(key) => navigate(key)} safeArea>
          {tabs.map((tab) => (
            <TabBar.Item key={tab.key} icon={tab.icon} badge={tab.key === "/m/warnings" && unacked > 0 ? unacked : undefined} title={<span data-testid={`m-tab-${tab.key.slice(3)}`}>{t(tab.title)}</span>} />
          ))}
        </TabBar>
      </div>
    </div>
  );
}
