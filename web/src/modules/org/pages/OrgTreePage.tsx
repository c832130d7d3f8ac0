import { ApartmentOutlined } from "@ant-design/icons";
import { Card, Empty } from "antd";
import { Navigate, useNavigate, useParams } from "react-router";
import { useMe } from "../../../app/auth/useMe.ts";
import { useCan } from "../../../app/auth/useCan.ts";
import { ExcelActions } from "../../../app/components/ExcelActions.tsx";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { OrgTreePanel } from "../components/OrgTreePanel.tsx";
import { UnitDetail } from "../components/UnitDetail.tsx";
import { useUnits } from "../hooks/useUnits.ts";
import { ORG_KEYS } from "../org.keys.ts";
import { ancestorsOf } from "../unit-tree.ts";

/** 组织体系: the org tree on the left, the selected unit's page on the right (/org/units/:id). */
export function OrgTreePage() {
  const { t, l } = useI18n();
  const can = useCan();
  const { id } = useParams();
  const navigate = useNavigate();
  const { data: units, isLoading } = useUnits();
  const chain = id && units ? ancestorsOf(units, id) : [];
  const open = (unitId: string) => navigate(`/org/units/${unitId}`);
  const { data: me } = useMe();

  // /org opens on the user's own unit (the top of their scope).
  if (!id && units?.length) {
    const home = units.find((u) => u.id === me?.unitId) ?? units.find((u) => !units.some((p) => p.id === u.parentId));
    if (home) return <Navigate to={`/org/units/${home.id}`} replace />;
  }

  return (
    <div className="page">
      <PageHeader
        title={t("nav.org.tree")}
        crumbs={[
          { title: l({ zh: "组织体系", en: "Organisation" }), to: "/org" },
          ...chain.map((u, i) => ({ title: u.name, to: i < chain.length - 1 ? `/org/units/${u.id}` : undefined })),
        ]}
        extra={
          <ExcelActions
            base="/api/org/units"
            name="units"
            canImport={can("org.units.write")}
            invalidate={ORG_KEYS.all}
            testId="units"
          />
        }
      />
      <div className="org-layout">
        <OrgTreePanel units={units} loading={isLoading} selectedId={id} onSelect={open} />
        <div className="org-main">
          {id ? (
            <UnitDetail key={id} unitId={id} onCreated={(u) => open(u.id)} />
          ) : (
            <Card className="org-placeholder">
              <Empty image={<ApartmentOutlined className="placeholder-icon" />} description={t("org.pickToView")} />
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}
