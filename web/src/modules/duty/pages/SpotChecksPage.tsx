import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Col, Row, Select, Tabs } from "antd";
import { useState } from "react";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { DrawPanel } from "../components/DrawPanel.tsx";
import { SpotCheckModal } from "../components/SpotCheckModal.tsx";
import { SpotCheckTable } from "../components/SpotCheckTable.tsx";
import { SpotStats } from "../components/SpotStats.tsx";
import { useSpotChecks, type SpotCheckParams } from "../hooks/useSpotChecks.ts";
import { useSpotCheckStats } from "../hooks/useSpotCheckStats.ts";
import "../duty.css";

/** 值班抽查: draw units, record checks, the pass rate per unit and the failures notice. */
export function SpotChecksPage() {
  const { t } = useI18n();
  const [recording, setRecording] = useState<{ unitId?: string } | null>(null);
  const [params, setParams] = useState<SpotCheckParams>({ page: 1, pageSize: 20 });
  const checks = useSpotChecks(params);
  const stats = useSpotCheckStats({});

  return (
    <div className="page">
      <PageHeader
        title={t("nav.duty.spotChecks")}
        sub={t("duty.spot.sub")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording({})} data-testid="spot-create">
            {t("duty.spot.record")}
          </Button>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={8}>
          <DrawPanel onRecord={(unitId) => setRecording({ unitId })} />
        </Col>
        <Col xs={24} xl={16}>
          <Card size="small">
            <Tabs
              items={[
                {
                  key: "stats",
                  label: t("duty.spot.tabStats"),
                  children: <SpotStats stats={stats.data} loading={stats.isFetching} />,
                },
                {
                  key: "list",
                  label: t("duty.spot.tabList"),
                  children: (
                    <>
                      <Select
                        allowClear
                        placeholder={t("duty.spot.result")}
                        value={params.passed}
                        onChange={(passed) => setParams((p) => ({ ...p, passed, page: 1 }))}
                        options={[
                          { value: "true", label: t("duty.spot.pass") },
                          { value: "false", label: t("duty.spot.fail") },
                        ]}
                        style={{ width: 140, marginBottom: 8 }}
                      />
                      <SpotCheckTable
                        rows={checks.data?.items ?? []}
                        loading={checks.isFetching}
                        testId="spot-table"
                        pagination={{
                          current: params.page,
                          pageSize: params.pageSize,
                          total: checks.data?.total ?? 0,
                          onChange: (page, pageSize) => setParams((p) => ({ ...p, page, pageSize })),
                          showTotal: (n) => t("common.total", { n }),
                        }}
                      />
                    </>
                  ),
                },
              ]}
              data-testid="spot-tabs"
            />
          </Card>
        </Col>
      </Row>
      {recording && <SpotCheckModal unitId={recording.unitId} onClose={() => setRecording(null)} />}
    </div>
  );
}
