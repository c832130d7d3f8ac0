import { DragOutlined, EditOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined, UserAddOutlined } from "@ant-design/icons";
import type { Unit } from "@yingji/contracts";
import { Button, Card, Descriptions, Empty, Popconfirm, Space, Spin, Tabs, Tag, Tooltip } from "antd";
import { useState } from "react";
import { useCan } from "../../../app/auth/useCan.ts";
import { useMe } from "../../../app/auth/useMe.ts";
import { PhoneLink } from "../../../app/components/PhoneLink.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { notifySuccess } from "../../../app/notify.ts";
import { formatTime } from "../../../app/time.ts";
import { useUnit } from "../hooks/useUnit.ts";
import { useUnitKinds } from "../hooks/useUnitKinds.ts";
import { useUnits } from "../hooks/useUnits.ts";
import { useUpdateUnit } from "../hooks/useUpdateUnit.ts";
import { ChecklistTable } from "./ChecklistTable.tsx";
import { MoveUnitModal } from "./MoveUnitModal.tsx";
import { PersonDrawer, type PersonTarget } from "./PersonDrawer.tsx";
import { UnitChildrenTable } from "./UnitChildrenTable.tsx";
import { UnitFormModal, type UnitFormTarget } from "./UnitFormModal.tsx";
import { UnitPeopleTable } from "./UnitPeopleTable.tsx";

/** The unit page: details, the six-in-place checklist, its people and its children. */
export function UnitDetail({ unitId, onCreated }: { unitId: string; onCreated?: (u: Unit) => void }) {
  const { t } = useI18n();
  const can = useCan();
  const { data: unit, isLoading, error } = useUnit(unitId);
  const { kindLabel, data: kinds } = useUnitKinds();
  const { data: units } = useUnits();
  const { data: me } = useMe();
  const update = useUpdateUnit();
  const [form, setForm] = useState<UnitFormTarget | null>(null);
  const [moving, setMoving] = useState<Unit | null>(null);
  const [person, setPerson] = useState<PersonTarget | null>(null);

  if (isLoading) return <Card><Spin style={{ display: "block", margin: "60px auto" }} /></Card>;
  if (error || !unit) return <Card><Empty description={error?.message ?? t("common.notFound")} /></Card>;

  const canWrite = can("org.units.write");
  // The server refuses to deactivate one's own unit; the button would only ever fail.
  const isOwnUnit = unit.id === me?.unitId;
  // The form offers only kinds of a lower level than the parent; a 村 has none below it.
  const parentLevel = kinds?.find((k) => k.code === unit.kind)?.level;
  const childKindExists = !kinds || parentLevel === undefined || kinds.some((k) => k.level > parentLevel);
  // Counted from the tree in scope (inactive children included), not trusted from childCount.
  const childCount = units ? units.filter((u) => u.parentId === unit.id).length : unit.childCount;
  const setActive = (active: boolean) =>
    update.mutate({ id: unit.id, input: { version: unit.version, active } }, { onSuccess: () => notifySuccess(t("common.saved")) });

  return (
    <>
      <Card
        className="unit-card"
        data-testid="unit-detail"
        title={
          <Space>
            <span data-testid="unit-name">{unit.name}</span>
            <Tag color="blue">{kindLabel(unit.kind)}</Tag>
            {!unit.active && <Tag color="default">{t("common.inactive")}</Tag>}
          </Space>
        }
        extra={
          <Space wrap size={6}>
            {canWrite && unit.active && (
              <Tooltip title={childKindExists ? undefined : t("unit.noChildKind")}>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  disabled={!childKindExists}
                  onClick={() => setForm({ mode: "create", parent: unit })}
                  data-testid="unit-create-child"
                >
                  {t("unit.createChild")}
                </Button>
              </Tooltip>
            )}
            {canWrite && (
              <Button icon={<EditOutlined />} onClick={() => setForm({ mode: "edit", unit })} data-testid="unit-edit">
                {t("common.edit")}
              </Button>
            )}
            {can("org.units.move") && unit.parentId && (
              <Button icon={<DragOutlined />} onClick={() => setMoving(unit)} data-testid="unit-move">
                {t("unit.move")}
              </Button>
            )}
            {canWrite && unit.parentId && unit.active && !isOwnUnit && (
              <Popconfirm title={t("unit.deactivateConfirm", { name: unit.name })} okButtonProps={{ danger: true }} onConfirm={() => setActive(false)}>
                <Button danger icon={<StopOutlined />} loading={update.isPending} data-testid="unit-deactivate">
                  {t("unit.deactivate")}
                </Button>
              </Popconfirm>
            )}
            {canWrite && !unit.active && (
              <Button icon={<CheckCircleOutlined />} onClick={() => setActive(true)} loading={update.isPending} data-testid="unit-reactivate">
                {t("unit.reactivate")}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered data-testid="unit-descriptions">
          <Descriptions.Item label={t("unit.name")}>{unit.name}</Descriptions.Item>
          <Descriptions.Item label={t("unit.kind")}>{kindLabel(unit.kind)}</Descriptions.Item>
          <Descriptions.Item label={t("unit.code")}>{unit.code ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("unit.dutyPhone")}>
            <PhoneLink phone={unit.dutyPhone} testId="unit-duty-phone" />
          </Descriptions.Item>
          <Descriptions.Item label={t("unit.population")}>{unit.population?.toLocaleString("zh-CN") ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("unit.childCount")}>{childCount}</Descriptions.Item>
          <Descriptions.Item label={t("unit.address")} span={2}>
            {unit.address ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("common.updatedAt")}>{formatTime(unit.updatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="unit-tabs-card">
        <Tabs
          defaultActiveKey="checklist"
          tabBarExtraContent={
            can("people.write") ? (
              <Button size="small" icon={<UserAddOutlined />} onClick={() => setPerson({ mode: "create", unitId: unit.id })} data-testid="unit-add-person">
                {t("person.create")}
              </Button>
            ) : null
          }
          items={[
            { key: "checklist", label: t("checklist.title"), children: <ChecklistTable unitId={unit.id} canWrite={can("org.checklist.write")} /> },
            ...(can("people.read")
              ? [{ key: "people", label: t("unit.people"), children: <UnitPeopleTable unitId={unit.id} onEdit={(p, phones) => setPerson({ mode: "edit", person: p, phones })} /> }]
              : []),
            { key: "children", label: `${t("unit.children")} (${childCount})`, children: <UnitChildrenTable unitId={unit.id} /> },
          ]}
        />
      </Card>
      <UnitFormModal target={form} onClose={() => setForm(null)} onSaved={(u) => form?.mode === "create" && onCreated?.(u)} />
      <MoveUnitModal unit={moving} onClose={() => setMoving(null)} />
      <PersonDrawer target={person} onClose={() => setPerson(null)} />
    </>
  );
}
