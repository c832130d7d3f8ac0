import { MODULES, type Permission } from "@yingji/contracts";
import { Spin } from "antd";
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from "react";
import { Navigate, Route, Routes } from "react-router";
import { AuthGate } from "./auth/AuthGate.tsx";
import { useMe } from "./auth/useMe.ts";
import { LoginPage } from "./auth/LoginPage.tsx";
import { RequirePermission } from "./auth/RequirePermission.tsx";
import { ConsoleLayout } from "./layout/ConsoleLayout.tsx";
import { useHomePath } from "./layout/useMenuItems.tsx";
import { isBuilt } from "./nav.ts";
import { NotFound } from "./NotFound.tsx";
import { UnderConstruction } from "./UnderConstruction.tsx";

const OrgTreePage = lazy(() => import("../modules/org/pages/OrgTreePage.tsx").then((m) => ({ default: m.OrgTreePage })));
const PeoplePage = lazy(() => import("../modules/org/pages/PeoplePage.tsx").then((m) => ({ default: m.PeoplePage })));
const ChecklistRollupPage = lazy(() =>
  import("../modules/org/pages/ChecklistRollupPage.tsx").then((m) => ({ default: m.ChecklistRollupPage })),
);
const LiaisonCoveragePage = lazy(() =>
  import("../modules/org/pages/LiaisonCoveragePage.tsx").then((m) => ({ default: m.LiaisonCoveragePage })),
);
const ResponsibilitiesPage = lazy(() =>
  import("../modules/org/pages/ResponsibilitiesPage.tsx").then((m) => ({ default: m.ResponsibilitiesPage })),
);
const IncidentBoardPage = lazy(() => import("../modules/incidents/pages/BoardPage.tsx").then((m) => ({ default: m.BoardPage })));
const IncidentListPage = lazy(() => import("../modules/incidents/pages/IncidentListPage.tsx").then((m) => ({ default: m.IncidentListPage })));
const IncidentDetailPage = lazy(() => import("../modules/incidents/pages/IncidentDetailPage.tsx").then((m) => ({ default: m.IncidentDetailPage })));
const IncidentStatsPage = lazy(() => import("../modules/incidents/pages/StatsPage.tsx").then((m) => ({ default: m.StatsPage })));
const OnDutyNowPage = lazy(() => import("../modules/duty/pages/OnDutyNowPage.tsx").then((m) => ({ default: m.OnDutyNowPage })));
const RosterPage = lazy(() => import("../modules/duty/pages/RosterPage.tsx").then((m) => ({ default: m.RosterPage })));
const DutyLogPage = lazy(() => import("../modules/duty/pages/DutyLogPage.tsx").then((m) => ({ default: m.DutyLogPage })));
const SpotChecksPage = lazy(() => import("../modules/duty/pages/SpotChecksPage.tsx").then((m) => ({ default: m.SpotChecksPage })));
const KeyPeriodsPage = lazy(() => import("../modules/duty/pages/KeyPeriodsPage.tsx").then((m) => ({ default: m.KeyPeriodsPage })));
const MapPage = lazy(() => import("../modules/map/pages/MapPage.tsx").then((m) => ({ default: m.MapPage })));
const TeamsPage = lazy(() => import("../modules/teams/pages/TeamsPage.tsx").then((m) => ({ default: m.TeamsPage })));
const ExpertsPage = lazy(() => import("../modules/teams/pages/ExpertsPage.tsx").then((m) => ({ default: m.ExpertsPage })));
const VolunteersPage = lazy(() => import("../modules/teams/pages/VolunteersPage.tsx").then((m) => ({ default: m.VolunteersPage })));
const StockPage = lazy(() => import("../modules/materials/pages/StockPage.tsx").then((m) => ({ default: m.StockPage })));
const WarehousesPage = lazy(() => import("../modules/materials/pages/WarehousesPage.tsx").then((m) => ({ default: m.WarehousesPage })));
const ItemsPage = lazy(() => import("../modules/materials/pages/ItemsPage.tsx").then((m) => ({ default: m.ItemsPage })));
const RequisitionsPage = lazy(() => import("../modules/materials/pages/RequisitionsPage.tsx").then((m) => ({ default: m.RequisitionsPage })));
const SheltersPage = lazy(() => import("../modules/shelters/pages/SheltersPage.tsx").then((m) => ({ default: m.SheltersPage })));
const CoveragePage = lazy(() => import("../modules/shelters/pages/CoveragePage.tsx").then((m) => ({ default: m.CoveragePage })));
const WarningListPage = lazy(() => import("../modules/warnings/pages/WarningListPage.tsx").then((m) => ({ default: m.WarningListPage })));
const WarningDetailPage = lazy(() => import("../modules/warnings/pages/WarningDetailPage.tsx").then((m) => ({ default: m.WarningDetailPage })));
const WarningTrackingPage = lazy(() => import("../modules/warnings/pages/TrackingPage.tsx").then((m) => ({ default: m.TrackingPage })));
const WarningCallTasksPage = lazy(() => import("../modules/warnings/pages/CallTasksPage.tsx").then((m) => ({ default: m.CallTasksPage })));
const WarningFeedsPage = lazy(() => import("../modules/warnings/pages/FeedsPage.tsx").then((m) => ({ default: m.FeedsPage })));
const DutyHome = lazy(() => import("./home/DutyHome.tsx").then((m) => ({ default: m.DutyHome })));
const LeaderHome = lazy(() => import("./home/LeaderHome.tsx").then((m) => ({ default: m.LeaderHome })));
const UnitHome = lazy(() => import("./home/UnitHome.tsx").then((m) => ({ default: m.UnitHome })));
const DashboardPage = lazy(() => import("../modules/dashboard/DashboardPage.tsx").then((m) => ({ default: m.DashboardPage })));
const UsersPage = lazy(() => import("../modules/users/UsersPage.tsx").then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import("../modules/audit/AuditPage.tsx").then((m) => ({ default: m.AuditPage })));

function page(permission: Permission, Page: LazyExoticComponent<ComponentType>) {
  return (
    <RequirePermission permission={permission}>
      <Suspense fallback={<Spin style={{ display: "block", margin: "80px auto" }} />}>
        <Page />
      </Suspense>
    </RequirePermission>
  );
}

/**
 * The index route, by role: the duty officer lands on the board with the to-do list, a leader
 * on what waits for a decision, units on their to-do list and warnings in force, the
 * administrator on the organisation overview; others go to their first page (the auditor to the log).
 */
function Home() {
  const { data: me } = useMe();
  const home = useHomePath();
  switch (me?.role) {
    case "duty":
      return page("incidents.read", DutyHome);
    case "leader":
      return page("incidents.read", LeaderHome);
    case "town":
    case "village":
    case "dept":
    case "enterprise":
    case "expert":
      return page("org.read", UnitHome);
  }
  if (home === "/") return page("org.read", DashboardPage);
  return home ? <Navigate to={home} replace /> : <UnderConstruction moduleKey="dashboard" />;
}

export function ConsoleRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<AuthGate />}>
        <Route element={<ConsoleLayout />}>
          <Route index element={<Home />} />
          <Route path="org" element={page("org.read", OrgTreePage)} />
          <Route path="org/units/:id" element={page("org.read", OrgTreePage)} />
          <Route path="org/people" element={page("people.read", PeoplePage)} />
          <Route path="org/checklist" element={page("org.read", ChecklistRollupPage)} />
          <Route path="org/liaison" element={page("people.read", LiaisonCoveragePage)} />
          <Route path="org/responsibilities" element={page("org.read", ResponsibilitiesPage)} />
          <Route path="incidents" element={page("incidents.read", IncidentListPage)} />
          <Route path="incidents/board" element={page("incidents.read", IncidentBoardPage)} />
          <Route path="incidents/stats" element={page("incidents.read", IncidentStatsPage)} />
          <Route path="incidents/:id" element={page("incidents.read", IncidentDetailPage)} />
          <Route path="duty" element={<Navigate to="/duty/now" replace />} />
          <Route path="duty/now" element={page("duty.read", OnDutyNowPage)} />
          <Route path="duty/roster" element={page("duty.read", RosterPage)} />
          <Route path="duty/log" element={page("duty.read", DutyLogPage)} />
          <Route path="duty/spot-checks" element={page("duty.spotcheck", SpotChecksPage)} />
          <Route path="duty/key-periods" element={page("duty.read", KeyPeriodsPage)} />
          <Route path="map" element={page("resources.read", MapPage)} />
          <Route path="teams" element={page("resources.read", TeamsPage)} />
          <Route path="teams/experts" element={page("resources.read", ExpertsPage)} />
          <Route path="teams/experts/:id" element={page("resources.read", ExpertsPage)} />
          <Route path="teams/volunteers" element={page("resources.read", VolunteersPage)} />
          <Route path="teams/volunteers/:id" element={page("resources.read", VolunteersPage)} />
          <Route path="teams/:id" element={page("resources.read", TeamsPage)} />
          <Route path="materials" element={<Navigate to="/materials/stock" replace />} />
          <Route path="materials/stock" element={page("resources.read", StockPage)} />
          <Route path="materials/warehouses" element={page("resources.read", WarehousesPage)} />
          <Route path="materials/warehouses/:id" element={page("resources.read", WarehousesPage)} />
          <Route path="materials/items" element={page("resources.read", ItemsPage)} />
          <Route path="materials/items/:id" element={page("resources.read", ItemsPage)} />
          <Route path="materials/requisitions" element={page("resources.read", RequisitionsPage)} />
          <Route path="materials/requisitions/:id" element={page("resources.read", RequisitionsPage)} />
          <Route path="shelters" element={page("resources.read", SheltersPage)} />
          <Route path="shelters/coverage" element={page("resources.read", CoveragePage)} />
          <Route path="shelters/:id" element={page("resources.read", SheltersPage)} />
          <Route path="warnings" element={page("warnings.read", WarningListPage)} />
          <Route path="warnings/calls" element={page("warnings.calls", WarningCallTasksPage)} />
          <Route path="warnings/feeds" element={page("warnings.import", WarningFeedsPage)} />
          <Route path="warnings/:id" element={page("warnings.read", WarningDetailPage)} />
          <Route path="warnings/:id/tracking" element={page("warnings.read", WarningTrackingPage)} />
          <Route path="users" element={page("users.manage", UsersPage)} />
          <Route path="audit" element={page("audit.read", AuditPage)} />
          <Route path="dashboard" element={<Navigate to="/" replace />} />
          {MODULES.filter((m) => !isBuilt(m)).map((m) => (
            <Route key={m.key} path={m.key + "/*"} element={<UnderConstruction moduleKey={m.key} />} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}
