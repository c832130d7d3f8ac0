/**
 * The field app's service worker (public/sw.js, served at /sw.js) controls /m/ only.
 * A worker at the site root may take a narrower scope without a Service-Worker-Allowed header.
 */
export function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || import.meta.env.DEV) return;
  const register = () =>
    navigator.serviceWorker
      .register("/sw.js", { scope: "/m/" })
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => reg.active?.postMessage({ type: "cache-assets", urls: loadedAssets() }))
      .catch((err: unknown) => {
        console.warn("service worker not registered", err);
      });
  // Called from the entry, usually before the load event; after it when the entry ran late.
  if (document.readyState === "complete") void register();
  else window.addEventListener("load", () => void register(), { once: true });
}

/** The lazily loaded chunks this page already fetched, so the worker keeps them for offline use. */
function loadedAssets(): string[] {
  return performance
    .getEntriesByType("resource")
    .map((e) => new URL(e.name).pathname)
    .filter((path) => path.startsWith("/assets/"));
}
