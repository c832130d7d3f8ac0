import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  FileTextOutlined,
  HomeOutlined,
  InboxOutlined,
  NotificationOutlined,
  ScheduleOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  TrophyOutlined,
  UserSwitchOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import type { ModuleKey } from "@yingji/contracts";
import type { ReactNode } from "react";

export const MODULE_ICONS: Record<ModuleKey | "users" | "audit", ReactNode> = {
  dashboard: <DashboardOutlined />,
  org: <ApartmentOutlined />,
  duty: <ScheduleOutlined />,
  incidents: <FileTextOutlined />,
  warnings: <NotificationOutlined />,
  hazards: <WarningOutlined />,
  plans: <BookOutlined />,
  drills: <ExperimentOutlined />,
  response: <ThunderboltOutlined />,
  map: <EnvironmentOutlined />,
  teams: <TeamOutlined />,
  materials: <InboxOutlined />,
  shelters: <HomeOutlined />,
  assessment: <TrophyOutlined />,
  outreach: <AlertOutlined />,
  users: <UserSwitchOutlined />,
  audit: <AuditOutlined />,
};

export const FALLBACK_ICON = <BankOutlined />;
