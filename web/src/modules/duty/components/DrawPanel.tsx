import { PhoneOutlined } from "@ant-design/icons";
import { App, Button, Card, Flex, InputNumber, List, Tag } from "antd";
import { useState } from "react";
import { telHref } from "../../../app/components/PhoneLink.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useDrawUnits } from "../hooks/useDrawUnits.ts";

/** 随机抽取: draws units to call; each drawn unit offers its duty phone and a "record" button. */
export function DrawPanel({ onRecord }: { onRecord: (unitId: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [count, setCount] = useState(3);
  const draw = useDrawUnits();
  return (
    <Card size="small" title={t("duty.spot.draw")}>
      <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
        <InputNumber min={1} max={50} value={count} onChange={(v) => setCount(v ?? 1)} suffix={t("duty.spot.units")} style={{ width: 130 }} />
        <Button type="primary" loading={draw.isPending} onClick={() => draw.mutate(count, { onError: (e) => message.error(e.message) })} data-testid="spot-draw">
          {t("duty.spot.drawButton")}
        </Button>
      </Flex>
      {draw.data && (
        <List
          size="small"
          dataSource={draw.data.units}
          data-testid="spot-drawn"
          renderItem={(u) => (
            <List.Item
              actions={[
                <Button key="rec" size="small" onClick={() => onRecord(u.unitId)} data-testid={`spot-drawn-record-${u.unitId}`}>
                  {t("duty.spot.recordShort")}
                </Button>,
              ]}
            >
              <Flex gap={8} align="center" wrap>
                <strong>{u.name}</strong>
                {u.inKeyPeriod && <Tag color="red">{t("duty.spot.inKeyPeriod")}</Tag>}
                {u.dutyPhone ? (
                  <a href={telHref(u.dutyPhone)} className="phone-link">
                    <PhoneOutlined /> {u.dutyPhone}
                  </a>
                ) : (
                  <span className="muted">{t("duty.now.noDutyPhone")}</span>
                )}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
