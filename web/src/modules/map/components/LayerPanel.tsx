import { Checkbox, Flex, Typography } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { RegistryFilters, type FilterValues } from "../../../app/registry/RegistryFilters.tsx";
import { registryByKey } from "../../../app/registry/registries.ts";
import { KIND_COLORS, KIND_LABELS, LAYER_ORDER, type MapKind } from "../map-kinds.ts";

interface Props {
  on: Set<MapKind>;
  counts: Partial<Record<MapKind, number | undefined>>;
  onToggle: (kind: MapKind, on: boolean) => void;
  filters: Partial<Record<MapKind, FilterValues>>;
  onFilters: (kind: MapKind, v: FilterValues) => void;
}

/** Which layers show, how many points each has in view, and each visible registry's filters. */
export function LayerPanel({ on, counts, onToggle, filters, onFilters }: Props) {
  const { t } = useI18n();
  return (
    <div data-testid="map-layers">
      <Typography.Title level={5}>{t("map.layers")}</Typography.Title>
      {LAYER_ORDER.map((kind) => {
        const decl = registryByKey(kind);
        return (
          <div key={kind}>
            <div className="map-layer-row">
              <Checkbox checked={on.has(kind)} onChange={(e) => onToggle(kind, e.target.checked)} data-testid={`map-layer-${kind}`}>
                <span className="map-dot" style={{ background: KIND_COLORS[kind] }} />
                {t(KIND_LABELS[kind])}
              </Checkbox>
              <Typography.Text type="secondary" data-testid={`map-count-${kind}`}>
                {on.has(kind) ? (counts[kind] ?? "…") : ""}
              </Typography.Text>
            </div>
            {on.has(kind) && decl && Object.values(decl.fields).some((f) => f.filter) && (
              <Flex gap={6} wrap style={{ margin: "2px 0 8px 24px" }}>
                <RegistryFilters decl={decl} value={filters[kind] ?? {}} onChange={(v) => onFilters(kind, v)} width={128} />
              </Flex>
            )}
          </div>
        );
      })}
    </div>
  );
}
