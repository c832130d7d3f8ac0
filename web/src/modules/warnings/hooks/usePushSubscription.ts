import { useMutation, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { PushConfig } from "@yingji/contracts";
import { api } from "../../../app/api.ts";

/** Whether this browser can take Web Push at all (service worker, PushManager, Notification). */
export const pushSupported = () => typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (base64url.length % 4)) % 4);
  const raw = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/**
 * Web Push of warnings for this browser: the server's config (on, VAPID key) and a mutation that
 * asks the user's permission, subscribes through the field app's service worker and registers it.
 */
export function usePushSubscription() {
  const config = useQuery({
    queryKey: ["warnings", "push-config"],
    queryFn: () => api<z.infer<typeof PushConfig>>("/api/warnings/push-config"),
    enabled: pushSupported(),
    staleTime: Infinity,
    meta: { quiet: true },
  });
  const subscribe = useMutation({
    mutationFn: async () => {
      const key = config.data?.publicKey;
      if (!key) throw new Error("推送未开启");
      if ((await Notification.requestPermission()) !== "granted") throw new Error("未允许通知");
      const reg = await navigator.serviceWorker.ready;
      const sub = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) }));
      const json = sub.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
      await api("/api/warnings/push-subscriptions", { body: { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } } });
    },
  });
  const available = pushSupported() && !!config.data?.enabled && !!config.data.publicKey;
  return { available, granted: pushSupported() && Notification.permission === "granted", subscribe };
}
