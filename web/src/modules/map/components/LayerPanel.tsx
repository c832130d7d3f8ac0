import { FilterOutlined } from "@ant-design/icons";
import { Badge, Button, Checkbox, Flex, Typography } from "antd";
import { useState } from "react";
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
  // Filters fold away per layer, so the nearest results stay in view.
  const [open, setOpen] = useState<Set<MapKind>>(new Set());
  const toggle = (kind: MapKind) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });
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
              <Flex align="center" gap={4}>
                <Typography.Text type="secondary" data-testid={`map-count-${kind}`}>
                  {on.has(kind) ? (counts[kind] ?? "…") : ""}
                </Typography.Text>
                {on.has(kind) && decl && Object.values(decl.fields).some((f) => f.filter) && (
                  <Badge dot={Object.values(filters[kind] ?? {}).some(Boolean)} offset={[-4, 4]}>
                    <Button size="small" type={open.has(kind) ? "link" : "text"} icon={<FilterOutlined />} onClick={() => toggle(kind)} title={t("map.filters")} data-testid={`map-filter-toggle-${kind}`} />
                  </Badge>
                )}
              </Flex>
            </div>
            {on.has(kind) && decl && open.has(kind) && (
              <Flex gap={6} wrap className="map-layer-filter">
                <RegistryFilters decl={decl} value={filters[kind] ?? {}} onChange={(v) => onFilters(kind, v)} width={128} />
              </Flex>
            )}
          </div>
        );
      })}
    </div>
  );
}
