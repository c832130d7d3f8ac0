import { SWAP_STATUSES, type Swap } from "@yingji/contracts";
import { App, Button, Card, Space, Table, Tag } from "antd";
import { useCan } from "../../../app/auth/useCan.ts";
import type { DictKey } from "../../../app/i18n/dict.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { usePeople } from "../../org/hooks/usePeople.ts";
import { useDecideSwap } from "../hooks/useDecideSwap.ts";
import { useSwaps } from "../hooks/useSwaps.ts";

const STATUS: Record<(typeof SWAP_STATUSES)[number], { label: DictKey; color: string }> = {
  pending: { label: "duty.swap.pending", color: "gold" },
  approved: { label: "duty.swap.approved", color: "green" },
  rejected: { label: "duty.swap.rejected", color: "default" },
};

/** The unit's swap requests; those who manage the roster approve or reject the pending ones. */
export function SwapList({ unitId }: { unitId: string }) {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const swaps = useSwaps({ unitId });
  const people = usePeople({ page: 1, pageSize: 200, unitId });
  const decide = useDecideSwap();
  const nameOf = (id: string) => people.data?.items.find((p) => p.id === id)?.name ?? "—";
  const act = (swap: Swap, decision: "approve" | "reject") =>
    decide.mutate({ swap, decision }, { onSuccess: () => message.success(t("common.saved")), onError: (e) => message.error(e.message) });
  return (
    <Card size="small" title={t("duty.swap.list")}>
      <Table<Swap>
        size="small"
        rowKey="id"
        loading={swaps.isFetching}
        dataSource={swaps.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="swap-table"
        columns={[
          { title: t("duty.swap.at"), dataIndex: "createdAt", width: 150, render: (v: string) => formatTime(v) },
          { title: t("duty.swap.from"), dataIndex: "fromPersonId", render: nameOf },
          { title: t("duty.swap.to"), dataIndex: "toPersonId", render: nameOf },
          { title: t("duty.swap.reason"), dataIndex: "reason", render: (v: string | null) => v ?? "—" },
          { title: t("duty.swap.status"), dataIndex: "status", width: 90, render: (s: Swap["status"]) => <Tag color={STATUS[s].color}>{t(STATUS[s].label)}</Tag> },
          {
            title: t("common.actions"),
            width: 150,
            render: (_, s) =>
              s.status === "pending" && can("duty.manage") ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => act(s, "approve")} data-testid={`swap-approve-${s.id}`}>
                    {t("duty.swap.approve")}
                  </Button>
                  <Button size="small" onClick={() => act(s, "reject")} data-testid={`swap-reject-${s.id}`}>
                    {t("duty.swap.reject")}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
