import type { Shift } from "@yingji/contracts";
import { App, Button, Descriptions, Drawer, Form, Input, Select, Tag } from "antd";
import { Link } from "react-router";
import { useCan } from "../../../app/auth/useCan.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { useUnmask } from "../../org/hooks/useUnmask.ts";
import { useRequestSwap } from "../hooks/useRequestSwap.ts";
import { DutyPersonLine } from "./DutyPersonLine.tsx";
import { PersonSelect } from "./PersonSelect.tsx";

interface SwapValues {
  fromPersonId: string;
  toPersonId: string;
  reason?: string;
}

/** One shift: who is on it, a link to its duty log, and a swap request (换班申请). */
export function ShiftDrawer({ shift, onClose }: { shift: Shift | null; onClose: () => void }) {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const unmask = useUnmask();
  const [form] = Form.useForm<SwapValues>();
  const swap = useRequestSwap();
  const onShift = shift ? [...shift.officers, ...(shift.leader ? [shift.leader] : [])] : [];
  const submit = async (v: SwapValues) => {
    if (!shift) return;
    try {
      await swap.mutateAsync({ shiftId: shift.id, input: { ...v, reason: v.reason || null } });
      message.success(t("duty.swap.requested"));
      form.resetFields();
    } catch (err) {
      message.error((err as Error).message);
    }
  };
  return (
    <Drawer open={!!shift} onClose={onClose} size={480} title={t("duty.shift.title")} destroyOnHidden>
      {shift && (
        <div data-testid="shift-drawer">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t("duty.shift.time")}>
              {formatTime(shift.startsAt)} – {formatTime(shift.endsAt)} {shift.exercise && <Tag color="orange">{t("duty.exercise")}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t("duty.leader")}>
              {shift.leader ? <DutyPersonLine person={shift.leader} unmask={unmask} testId="drawer-leader" /> : <span className="muted">{t("duty.noLeader")}</span>}
            </Descriptions.Item>
            <Descriptions.Item label={t("duty.officers")}>
              {shift.officers.map((o) => (
                <DutyPersonLine key={o.id} person={o} unmask={unmask} testId={`drawer-officer-${o.id}`} />
              ))}
            </Descriptions.Item>
          </Descriptions>
          <div style={{ margin: "12px 0 20px" }}>
            <Link to={`/duty/log?shiftId=${shift.id}`} data-testid="drawer-open-log">
              {t("duty.log.open")}
            </Link>
          </div>
          {can("duty.log") && (
            <>
              <h4>{t("duty.swap.request")}</h4>
              <Form form={form} layout="vertical" onFinish={submit}>
                <Form.Item name="fromPersonId" label={t("duty.swap.from")} rules={[{ required: true }]}>
                  <Select options={onShift.map((p) => ({ value: p.id, label: p.name }))} data-testid="swap-from" />
                </Form.Item>
                <Form.Item name="toPersonId" label={t("duty.swap.to")} rules={[{ required: true }]}>
                  <PersonSelect unitId={shift.unitId} testId="swap-to" />
                </Form.Item>
                <Form.Item name="reason" label={t("duty.swap.reason")}>
                  <Input maxLength={500} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={swap.isPending} data-testid="swap-submit">
                  {t("duty.swap.submit")}
                </Button>
              </Form>
            </>
          )}
        </div>
      )}
    </Drawer>
  );
}
