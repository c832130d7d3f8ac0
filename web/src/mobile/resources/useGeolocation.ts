import { useCallback, useEffect, useState } from "react";

export type GeoState =
  | { kind: "locating" }
  | { kind: "ok"; lat: number; lon: number; accuracy: number }
  | { kind: "failed"; reason: string };

/** The phone's position once on open and again on demand; failure leaves the manual fallback. */
export function useGeolocation() {
  const [state, setState] = useState<GeoState>({ kind: "locating" });
  const locate = useCallback(() => {
    if (!("geolocation" in navigator)) return setState({ kind: "failed", reason: "unsupported" });
    setState({ kind: "locating" });
    navigator.geolocation.getCurrentPosition(
      (p) => setState({ kind: "ok", lat: p.coords.latitude, lon: p.coords.longitude, accuracy: p.coords.accuracy }),
      (e) => setState({ kind: "failed", reason: e.message }),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  }, []);
  useEffect(locate, [locate]);
  return { state, locate };
}
