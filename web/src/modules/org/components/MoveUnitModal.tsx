import type { Unit } from "@yingji/contracts";
import { Alert, Form, Modal } from "antd";
import { useMemo, useState } from "react";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { notifySuccess } from "../../../app/notify.ts";
import { useMoveUnit } from "../hooks/useMoveUnit.ts";
import { useUnits } from "../hooks/useUnits.ts";
import { subtreeIds } from "../unit-tree.ts";
import { UnitTreeSelect } from "./UnitTreeSelect.tsx";

/** Moves a unit with its whole subtree under another parent (never under itself). */
export function MoveUnitModal({ unit, onClose }: { unit: Unit | null; onClose: () => void }) {
  const { t } = useI18n();
  const { data: units } = useUnits();
  const move = useMoveUnit();
  const [parentId, setParentId] = useState<string | undefined>();
  const blocked = useMemo(() => {
    if (!unit || !units) return new Set<string>();
    const ids = subtreeIds(units, unit.id);
    if (unit.parentId) ids.add(unit.parentId);
    return ids;
  }, [unit, units]);

  return (
    <Modal
      open={!!unit}
      title={t("unit.moveTitle", { name: unit?.name ?? "" })}
      onCancel={onClose}
      okButtonProps={{ disabled: !parentId, loading: move.isPending, "data-testid": "unit-move-submit" }}
      onOk={() =>
        unit &&
        parentId &&
        move.mutate(
          { id: unit.id, version: unit.version, parentId },
          {
            onSuccess: () => {
              notifySuccess(t("common.saved"));
              setParentId(undefined);
              onClose();
            },
          },
        )
      }
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t("unit.moveWarn", { n: unit?.childCount ?? 0 })} style={{ marginBottom: 16 }} />
      <Form layout="vertical">
        <Form.Item label={t("unit.newParent")} required>
          <UnitTreeSelect value={parentId} onChange={setParentId} disabledIds={blocked} style={{ width: "100%" }} testId="unit-move-parent" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
