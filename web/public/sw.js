/*
 * Service worker of the field app (registered from the mobile entry with scope /m/).
 * - install: precache the app shell (the /m/ page) and every file of the field app's build,
 *   its lazily loaded pages included (the list the build writes to /sw-precache.js);
 * - navigations: network first, the cached shell when offline;
 * - /assets/ and the icons and manifest: cache first (asset names carry a content hash);
 * - /api/ and anything else: straight to the network, never cached (personal data).
 */
// The build's list and version; a new build changes that file, so the browser installs the new worker.
importScripts("/sw-precache.js");
const BUILD = self.YJ_PRECACHE ?? { version: "dev", assets: [] };
const CACHE = `yingji-shell-${BUILD.version}`;
const SHELL = ["/m/", "/manifest.webmanifest", "/icons/icon-192.png", "/icons/icon-512.png"];

async function precache() {
  const cache = await caches.open(CACHE);
  await cache.addAll(SHELL);
  // The field app's own scripts and styles, so it opens offline on any page from the first visit.
  await cache.addAll(BUILD.assets);
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      // Only the shells of earlier builds: other caches (kept data) are not this worker's to drop.
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("yingji-shell-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put("/m/", response.clone());
    return response;
  } catch {
    return (await cache.match("/m/", { ignoreVary: true })) ?? Response.error();
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  // ignoreVary: the server may answer "Vary: Origin", and module scripts are requested with an Origin.
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

// The page tells which lazily loaded chunks it used; keep them too (same-origin /assets/ only).
self.addEventListener("message", (event) => {
  const { type, urls } = event.data ?? {};
  if (type !== "cache-assets" || !Array.isArray(urls)) return;
  const assets = urls.filter((u) => typeof u === "string" && u.startsWith("/assets/"));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(assets)).catch(() => {}));
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") event.respondWith(networkFirst(request));
  else if (url.pathname.startsWith("/assets/") || SHELL.includes(url.pathname)) event.respondWith(cacheFirst(request));
});

// Web Push of warnings (预警): show the notification; a tap opens the warning in the field app.
self.addEventListener("push", (event) => {
  let msg = {};
  try {
    msg = event.data ? event.data.json() : {};
  } catch {
    msg = { title: event.data ? event.data.text() : "预警" };
  }
  // A to-do item (待办) names the field-app page to open; a warning its id.
  const url = msg.warningId ? `/m/warnings/${msg.warningId}` : msg.todo && typeof msg.path === "string" && msg.path.startsWith("/m/") ? msg.path : "/m/warnings";
  event.waitUntil(
    self.registration.showNotification(msg.title || (msg.todo ? "待办事项" : "预警信息"), {
      body: msg.body || "",
      tag: msg.warningId || (msg.todo ? "todo" : undefined),
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      data: { url },
      // A red warning stays on screen until the officer acts on it.
      requireInteraction: msg.level === "red",
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || "/m/warnings";
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((wins) => {
      const open = wins.find((w) => new URL(w.url).pathname.startsWith("/m/"));
      if (open) return open.focus().then((w) => w.navigate(url));
      return self.clients.openWindow(url);
    }),
  );
});
