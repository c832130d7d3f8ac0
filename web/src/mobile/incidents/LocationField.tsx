import { AimOutlined, EditOutlined, EnvironmentOutlined, HomeOutlined } from "@ant-design/icons";
import type { CreateIncidentInput } from "@yingji/contracts";
import { Button, CheckList, Input, List, Popup, Tag } from "antd-mobile";
import { Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { lazyOr } from "../offline/lazy-or.tsx";
import { useMe } from "../../app/auth/useMe.ts";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { useUnits } from "../../modules/org/hooks/useUnits.ts";

const NearbyMap = lazyOr(() => import("../resources/NearbyMap.tsx"));

/** Where the report says it happened: a point (GPS, map, typed) or a place (a village, approximate). */
export type ReportLocation =
  | { kind: "gps"; lat: number; lon: number; accuracy: number }
  | { kind: "map"; lat: number; lon: number }
  | { kind: "manual"; lat: string; lon: string }
  | { kind: "place"; unitId: string; name: string };

type LocationInput = Pick<CreateIncidentInput, "lat" | "lon" | "locationSource" | "placeUnitId">;

/** The request fields of a location; null when typed coordinates are not a point. */
export function locationInput(loc: ReportLocation): LocationInput | null {
  switch (loc.kind) {
    case "gps":
    case "map":
      return { lat: loc.lat, lon: loc.lon, locationSource: loc.kind };
    case "place":
      return { locationSource: "place", placeUnitId: loc.unitId };
    case "manual": {
      const lat = Number(loc.lat);
      const lon = Number(loc.lon);
      if (loc.lat.trim() === "" || loc.lon.trim() === "" || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
      return { lat, lon, locationSource: "manual" };
    }
  }
}

/**
 * 地点 of the phone's report form. It starts at the officer's own village (always valid, so a
 * report goes in seconds indoors or with location refused) and tries GPS once; the officer may
 * pick a point on the map, choose another village in their scope, or type coordinates.
 */
export function LocationField({ value, onChange }: { value: ReportLocation; onChange: (v: ReportLocation) => void }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const { data: units } = useUnits();
  const [locating, setLocating] = useState(false);
  const [gpsFailed, setGpsFailed] = useState(false);
  const [mapOpen, setMapOpen] = useState(false);
  const [placeOpen, setPlaceOpen] = useState(false);
  const [picked, setPicked] = useState<{ lat: number; lon: number } | null>(null);

  const locate = useCallback(() => {
    if (!("geolocation" in navigator)) return setGpsFailed(true);
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        setGpsFailed(false);
        onChange({ kind: "gps", lat: Number(p.coords.latitude.toFixed(6)), lon: Number(p.coords.longitude.toFixed(6)), accuracy: Math.round(p.coords.accuracy) });
      },
      () => {
        setLocating(false);
        setGpsFailed(true);
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  }, [onChange]);
  // One try on open; a failure leaves the village in place and says so.
  useEffect(locate, []); // eslint-disable-line react-hooks/exhaustive-deps

  // Villages and communities the officer may report for: their own unit and those below it.
  const places = useMemo(() => {
    const mine = units?.find((u) => u.id === me?.unitId);
    const list = (units ?? []).filter((u) => u.active && mine && (u.id === mine.id || u.path.startsWith(`${mine.path}.`)));
    return list.length ? list.sort((a, b) => a.depth - b.depth || a.sort - b.sort) : me ? [{ id: me.unitId, name: me.unitName }] : [];
  }, [units, me]);

  const approx = value.kind === "map" || value.kind === "place";
  const summary =
    value.kind === "place" ? value.name
    : value.kind === "manual" ? t("inc.loc.manual")
    : `${value.lat.toFixed(5)}, ${value.lon.toFixed(5)}${value.kind === "gps" ? ` · ±${value.accuracy} m` : ""}`;

  return (
    <>
      <List.Item
        description={gpsFailed && value.kind === "place" ? <span className="m-loc-warn" data-testid="m-inc-gps-denied">{t("inc.gpsDenied")}</span> : undefined}
      >
        <div className="m-loc" data-testid="m-inc-location" data-kind={value.kind}>
          <EnvironmentOutlined className="m-loc-icon" />
          <div className="m-loc-text">
            <div className="m-loc-kind">
              {t(`inc.loc.${value.kind}`)}
              {approx && <Tag color="warning" fill="outline" className="m-loc-tag" data-testid="m-inc-approx">{t("inc.approx")}</Tag>}
            </div>
            <div className="m-loc-value" data-testid="m-inc-location-value">{locating ? t("inc.locating") : summary}</div>
          </div>
        </div>
        <div className="m-loc-actions">
          <Button size="small" fill="outline" color="primary" loading={locating} onClick={locate} data-testid="m-inc-gps"><AimOutlined /> {t("inc.locate")}</Button>
          <Button size="small" fill="outline" color="primary" onClick={() => { setPicked(null); setMapOpen(true); }} data-testid="m-inc-map"><EnvironmentOutlined /> {t("inc.pickOnMap")}</Button>
          <Button size="small" fill="outline" color="primary" onClick={() => setPlaceOpen(true)} data-testid="m-inc-place"><HomeOutlined /> {t("inc.pickPlace")}</Button>
          <Button size="small" fill="none" color="default" onClick={() => onChange({ kind: "manual", lat: "", lon: "" })} data-testid="m-inc-manual"><EditOutlined /> {t("inc.typeCoords")}</Button>
        </div>
        {value.kind === "manual" && (
          <div className="m-latlon">
            <Input type="number" value={value.lat} onChange={(lat) => onChange({ ...value, lat })} placeholder={t("inc.lat")} data-testid="m-inc-lat" />
            <Input type="number" value={value.lon} onChange={(lon) => onChange({ ...value, lon })} placeholder={t("inc.lon")} data-testid="m-inc-lon" />
          </div>
        )}
      </List.Item>

      <Popup visible={placeOpen} onMaskClick={() => setPlaceOpen(false)} bodyStyle={{ maxHeight: "70vh", overflow: "auto", borderTopLeftRadius: 12, borderTopRightRadius: 12 }}>
        <div className="m-popup-title">{t("inc.pickPlace")}</div>
        <CheckList
          value={value.kind === "place" ? [value.unitId] : []}
          onChange={(v) => {
            const u = places.find((p) => p.id === v[0]);
            if (u) onChange({ kind: "place", unitId: u.id, name: u.name });
            setPlaceOpen(false);
          }}
          data-testid="m-inc-place-list"
        >
          {places.map((u) => (
            <CheckList.Item key={u.id} value={u.id}>
              {u.name}
              {u.id === me?.unitId && <span className="m-loc-own"> · {t("inc.ownUnit")}</span>}
            </CheckList.Item>
          ))}
        </CheckList>
      </Popup>

      <Popup visible={mapOpen} onMaskClick={() => setMapOpen(false)} bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12 }} destroyOnClose>
        <div className="m-popup-title">{t("inc.mapTapHint")}</div>
        <Suspense fallback={<div className="m-nearby-map" />}>
          <NearbyMap origin={picked} results={undefined} label={t("inc.scenePoint")} onPick={(o) => setPicked({ lat: Number(o.lat.toFixed(6)), lon: Number(o.lon.toFixed(6)) })} />
        </Suspense>
        <div className="m-page-pad">
          <Button block color="primary" disabled={!picked} onClick={() => { if (picked) onChange({ kind: "map", ...picked }); setMapOpen(false); }} data-testid="m-inc-map-done">
            {t("inc.mapDone")}{picked ? ` · ${picked.lat.toFixed(5)}, ${picked.lon.toFixed(5)}` : ""}
          </Button>
        </div>
      </Popup>
    </>
  );
}
