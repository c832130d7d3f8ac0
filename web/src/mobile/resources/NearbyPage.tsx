import { AimOutlined, PhoneFilled } from "@ant-design/icons";
import { SHELTER_STATUS, TEAM_KINDS, WAREHOUSE_KINDS, SHELTER_KINDS, type NearestHit } from "@yingji/contracts";
import { Button, DotLoading, ErrorBlock, NavBar, NoticeBar, Tag } from "antd-mobile";
import { useQueryClient } from "@tanstack/react-query";
import { Suspense, useMemo, useState } from "react";
import { lazyOr } from "../offline/lazy-or.tsx";
import { useCan } from "../../app/auth/useCan.ts";
import { telHref } from "../../app/components/PhoneLink.tsx";
import type { DictKey } from "../../app/i18n/dict.ts";
import { useI18n } from "../../app/i18n/useI18n.ts";
import type { Bilingual } from "../../app/i18n/lang.ts";
import { distanceText } from "../../app/registry/field-value.ts";
import { useNearest } from "../../modules/map/hooks/useNearest.ts";
import { KIND_COLORS, type NearestKind } from "../../modules/map/map-kinds.ts";
import type { NearestResult, Origin } from "../../modules/map/map.types.ts";
import { MobileNoAccess } from "../MobileNoAccess.tsx";
import { useGeolocation } from "./useGeolocation.ts";
import { NearbyDetail } from "./NearbyDetail.tsx";
import { isNetworkError } from "../incidents/offline-queue.ts";
import { KeptNotice } from "../offline/KeptNotice.tsx";
import { useOnline } from "../offline/useOnline.ts";
import "./nearby.css";

const NearbyMap = lazyOr(() => import("./NearbyMap.tsx"));

const SECTIONS: { kind: NearestKind; title: DictKey; subkinds: Record<string, Bilingual> }[] = [
  { kind: "teams", title: "m.nearTeams", subkinds: TEAM_KINDS },
  { kind: "shelters", title: "m.nearShelters", subkinds: SHELTER_KINDS },
  { kind: "warehouses", title: "m.nearWarehouses", subkinds: WAREHOUSE_KINDS },
];

/**
 * 附近资源: from the phone's position (or a point tapped on the map), the nearest ready
 * teams, shelters with free places and warehouses, with distance and a call button.
 */
export function NearbyPage() {
  const { t, l, lang } = useI18n();
  const can = useCan();
  const geo = useGeolocation();
  const [picked, setPicked] = useState<Origin | null>(null);
  const origin = useMemo<Origin | null>(
    () => picked ?? (geo.state.kind === "ok" ? { lat: geo.state.lat, lon: geo.state.lon } : null),
    [picked, geo.state],
  );
  const nearest = useNearest(can("resources.read") ? origin : null, { kinds: "teams,shelters,warehouses", limit: 5, ready: true, minFreeCapacity: 1 });
  const [open, setOpen] = useState<{ hit: NearestHit; sub: string } | null>(null);
  const online = useOnline();
  const qc = useQueryClient();
  const unreachable = !online || isNetworkError(nearest.error);
  // No signal: the resources found last time (kept on the phone), from where they were searched.
  const last = unreachable && !nearest.data
    ? qc.getQueryCache().findAll({ queryKey: ["map", "nearest"] }).filter((q) => q.state.data).sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)[0]
    : undefined;
  const shown = nearest.data ?? (last?.state.data as NearestResult | undefined);
  const shownAt = nearest.data ? nearest.dataUpdatedAt : last?.state.dataUpdatedAt;

  if (!can("resources.read")) return <MobileNoAccess />;

  const extra = (kind: NearestKind, h: NearestHit) => {
    if (kind === "shelters") {
      const s = h.status as keyof typeof SHELTER_STATUS | null;
      return [s && s in SHELTER_STATUS ? l(SHELTER_STATUS[s]) : null, h.quantity != null ? t("m.freePlaces", { n: h.quantity }) : null].filter(Boolean).join(" · ");
    }
    return null;
  };

  return (
    <>
      <NavBar back={null} className="m-navbar">
        {t("m.nearbyTitle")}
      </NavBar>
      {geo.state.kind === "failed" && !picked && <NoticeBar color="alert" content={t("m.locateFailed")} data-testid="m-nearby-gps-failed" />}
      <Suspense fallback={<div className="m-nearby-map" />}>
        <NearbyMap origin={origin} results={shown?.results} onPick={(o) => setPicked(o)} />
      </Suspense>
      <div className="m-nearby-bar">
        <span className="m-nearby-origin" data-testid="m-nearby-origin">
          {geo.state.kind === "locating" && !picked ? (
            <>
              <DotLoading /> {t("m.locating")}
            </>
          ) : origin ? (
            `${picked ? t("m.tapMap") : t("m.hereNow")} · ${origin.lat.toFixed(4)}, ${origin.lon.toFixed(4)}`
          ) : (
            t("m.tapMap")
          )}
        </span>
        <Button size="small" fill="outline" color="primary" onClick={() => { setPicked(null); geo.locate(); }} data-testid="m-nearby-locate">
          <AimOutlined /> {t("m.locate")}
        </Button>
      </div>
      {shown && unreachable && <KeptNotice refreshedAt={shownAt} failed />}
      {nearest.error && !shown && <ErrorBlock status="disconnected" title={t("common.loadFailed")} description={nearest.error.message} />}
      {origin && nearest.isPending && !shown && online && (
        <div className="m-center">
          <DotLoading color="primary" />
        </div>
      )}
      {shown && (
        <div className="m-page-pad" data-testid="m-nearby-results">
          {SECTIONS.map(({ kind, title, subkinds }) => {
            const hits = shown.results[kind] ?? [];
            return (
              <section key={kind} data-testid={`m-near-${kind}`}>
                <div className="m-section-title">
                  <span className="m-nearby-dot" style={{ background: KIND_COLORS[kind] }} />
                  {t(title)}
                </div>
                {hits.length === 0 && <div className="m-nearby-none">{t("map.noneNear")}</div>}
                {hits.map((h) => (
                  <div key={h.id} className="m-nearby-item" data-testid={`m-near-${kind}-item`} data-id={h.id} data-distance={h.distanceM}>
                    <div className="m-nearby-main" role="button" onClick={() => setOpen({ hit: h, sub: [h.subkind && h.subkind in subkinds ? l(subkinds[h.subkind]) : null, extra(kind, h)].filter(Boolean).join(" · ") })}>
                      <div className="m-nearby-name">{h.name}</div>
                      <div className="m-nearby-sub">
                        {h.subkind && h.subkind in subkinds && <Tag color="default" fill="outline">{l(subkinds[h.subkind])}</Tag>} {extra(kind, h)}
                      </div>
                      {h.address && <div className="m-nearby-addr" data-testid="m-near-address">{h.address}</div>}
                    </div>
                    <div className="m-nearby-side">
                      <div className="m-nearby-dist">{distanceText(h.distanceM, lang)}</div>
                      {h.phone && !h.phone.includes("*") ? (
                        <a className="m-tel m-tel-inline" href={telHref(h.phone)} data-testid={`m-near-tel-${h.id}`}>
                          <PhoneFilled /> {t("m.call")}
                        </a>
                      ) : null}
                    </div>
                  </div>
                ))}
              </section>
            );
          })}
        </div>
      )}
      <NearbyDetail hit={open?.hit ?? null} sub={open?.sub ?? ""} onClose={() => setOpen(null)} />
    </>
  );
}
