import { SHELTER_STATUS, type ShelterStatus } from "@yingji/contracts";
import { Alert, App, Button, Form, InputNumber, Modal, Segmented, Typography } from "antd";
import { useState } from "react";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import type { RegistryRow } from "../../../app/registry/registry.types.ts";
import { useShelterStatus } from "../hooks/useShelterStatus.ts";

/** 启用/关闭/上报安置人数: the status and, when open, the people sheltered now. */
export function ShelterStatusButton({ shelter }: { shelter: RegistryRow }) {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<ShelterStatus>("open");
  const [occupancy, setOccupancy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const post = useShelterStatus(shelter.id);
  const capacity = Number(shelter.capacity ?? 0);

  const start = () => {
    const current = shelter.status as ShelterStatus;
    setStatus(current === "ready" || current === "closed" ? "open" : current);
    setOccupancy(Number(shelter.occupancy ?? 0));
    setError(null);
    setOpen(true);
  };
  const submit = async () => {
    setError(null);
    try {
      await post.mutateAsync({ status, occupancy: status === "open" || status === "full" ? (occupancy ?? 0) : undefined });
      message.success(t("common.saved"));
      setOpen(false);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <>
      <Button type="primary" onClick={start} data-testid="shelter-status-open">
        {t("sh.setStatus")}
      </Button>
      <Modal open={open} title={t("sh.setStatus")} onCancel={() => setOpen(false)} onOk={submit} okButtonProps={{ loading: post.isPending, "data-testid": "shelter-status-submit" }} destroyOnHidden>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form layout="vertical">
          <Form.Item label={t("sh.status")}>
            <Segmented
              block
              value={status}
              onChange={(v) => setStatus(v as ShelterStatus)}
              options={(Object.keys(SHELTER_STATUS) as ShelterStatus[]).map((s) => ({ value: s, label: l(SHELTER_STATUS[s]) }))}
              data-testid="shelter-status-choice"
            />
          </Form.Item>
          {(status === "open" || status === "full") && (
            <Form.Item label={t("sh.occupancy")} help={t("sh.occupancyHelp", { n: capacity })}>
              <InputNumber min={0} max={10_000_000} precision={0} value={occupancy} onChange={setOccupancy} suffix="人" style={{ width: "100%" }} data-testid="shelter-occupancy" />
            </Form.Item>
          )}
          {occupancy !== null && capacity > 0 && occupancy >= capacity && status === "open" && (
            <Typography.Text type="warning">{t("sh.willBeFull")}</Typography.Text>
          )}
        </Form>
      </Modal>
    </>
  );
}
