import { AimOutlined, CloseOutlined } from "@ant-design/icons";
import { Alert, Button, Empty, Flex, InputNumber, Spin, Switch, Typography } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { distanceText } from "../../../app/registry/field-value.ts";
import { TypeTreeSelect } from "../../incidents/components/TypeTreeSelect.tsx";
import type { NearestFilters } from "../hooks/useNearest.ts";
import { KIND_COLORS, KIND_LABELS, NEAREST_SHOWN, type NearestKind } from "../map-kinds.ts";
import type { NearestResult, NearestHit, Origin } from "../map.types.ts";

interface Props {
  origin: Origin | null;
  filters: NearestFilters;
  onFilters: (f: NearestFilters) => void;
  answer: NearestResult | undefined;
  loading: boolean;
  error: Error | null;
  onClear: () => void;
  onPick: (kind: NearestKind, item: NearestHit) => void;
}

/** 附近资源: the search's options, and the nearest of each kind from the picked point. */
export function NearestPanel({ origin, filters, onFilters, answer, loading, error, onClear, onPick }: Props) {
  const { t, lang } = useI18n();
  return (
    <div data-testid="map-nearest">
      <Flex justify="space-between" align="center">
        <Typography.Title level={5}>
          <AimOutlined /> {t("map.nearest")}
        </Typography.Title>
        {origin && <Button size="small" type="text" icon={<CloseOutlined />} onClick={onClear} data-testid="map-nearest-clear" />}
      </Flex>
      <Flex vertical gap={6} style={{ marginBottom: 10 }}>
        <Flex align="center" gap={8}>
          <Switch size="small" checked={!!filters.ready} onChange={(ready) => onFilters({ ...filters, ready: ready || undefined })} data-testid="map-nearest-ready" />
          <Typography.Text>{t("map.readyOnly")}</Typography.Text>
        </Flex>
        <TypeTreeSelect
          allowClear
          value={filters.incidentTypeId}
          onChange={(incidentTypeId) => onFilters({ ...filters, incidentTypeId })}
          placeholder={t("map.capability")}
          style={{ width: "100%" }}
          testId="map-nearest-type"
        />
        <InputNumber
          min={1}
          precision={0}
          value={filters.minFreeCapacity}
          onChange={(v) => onFilters({ ...filters, minFreeCapacity: v ?? undefined })}
          placeholder={t("map.minFree")}
          style={{ width: "100%" }}
          data-testid="map-nearest-free"
        />
      </Flex>
      {!origin && <Alert type="info" showIcon title={t("map.nearestHint")} />}
      {origin && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="map-nearest-origin">
          {t("map.from")} {origin.label ?? `${origin.lat.toFixed(5)}, ${origin.lon.toFixed(5)}`}
        </Typography.Paragraph>
      )}
      {origin && error && <Alert type="error" showIcon title={error.message} />}
      {origin && loading && <Spin style={{ display: "block", margin: 16 }} />}
      {origin && answer && (
        <div data-testid="map-nearest-results">
          {NEAREST_SHOWN.map((kind) => {
            const items = answer.results[kind] ?? [];
            return (
              <div key={kind} className="nearest-group" data-testid={`nearest-${kind}`}>
                <Typography.Text strong>
                  <span className="map-dot" style={{ background: KIND_COLORS[kind] }} />
                  {t(KIND_LABELS[kind])}
                </Typography.Text>
                {items.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("map.noneNear")} style={{ margin: "4px 0" }} />
                ) : (
                  items.map((item) => (
                    <div key={item.id} className="nearest-item" onClick={() => onPick(kind, item)} data-testid={`nearest-${kind}-item`} data-id={item.id} data-distance={item.distanceM}>
                      <span className="nearest-name" title={item.name}>
                        {item.name}
                      </span>
                      <span className="nearest-dist">{distanceText(item.distanceM, lang)}</span>
                    </div>
                  ))
                )}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
