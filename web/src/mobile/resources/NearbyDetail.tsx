import { CompassOutlined, EnvironmentOutlined, PhoneFilled } from "@ant-design/icons";
import { navigationLinks, type NavApp, type NearestHit } from "@yingji/contracts";
import { Popup } from "antd-mobile";
import { telHref } from "../../app/components/PhoneLink.tsx";
import type { DictKey } from "../../app/i18n/dict.ts";
import { useI18n } from "../../app/i18n/useI18n.ts";
import { distanceText } from "../../app/registry/field-value.ts";

const NAV: { app: NavApp; label: DictKey }[] = [
  { app: "geo", label: "m.navSystem" },
  { app: "amap", label: "m.navAmap" },
  { app: "baidu", label: "m.navBaidu" },
  { app: "tencent", label: "m.navTencent" },
];

/** One nearby resource opened from the list: what it is, where, a call button and navigation links. */
export function NearbyDetail({ hit, sub, onClose }: { hit: NearestHit | null; sub: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const links = hit ? navigationLinks(hit.lat, hit.lon, hit.name) : null;
  return (
    <Popup visible={!!hit} onMaskClick={onClose} onClose={onClose} bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12 }}>
      {hit && links && (
        <div className="m-near-detail" data-testid="m-near-detail">
          <div className="m-near-detail-name">{hit.name}</div>
          {sub && <div className="m-nearby-sub">{sub}</div>}
          <div className="m-near-detail-row">
            <EnvironmentOutlined /> <span data-testid="m-near-detail-address">{hit.address || `${hit.lat.toFixed(5)}, ${hit.lon.toFixed(5)}`}</span>
            <span className="m-nearby-dist">{distanceText(hit.distanceM, lang)}</span>
          </div>
          {hit.phone && !hit.phone.includes("*") && (
            <a className="m-tel m-tel-block" href={telHref(hit.phone)} data-testid="m-near-detail-tel">
              <PhoneFilled /> {t("m.call")} {hit.phone}
            </a>
          )}
          <div className="m-section-title">
            <CompassOutlined /> {t("m.navigate")}
          </div>
          <div className="m-near-nav">
            {NAV.map((n) => (
              <a key={n.app} href={links[n.app]} className="m-near-nav-link" data-testid={`m-nav-${n.app}`}>
                {t(n.label)}
              </a>
            ))}
          </div>
        </div>
      )}
    </Popup>
  );
}
