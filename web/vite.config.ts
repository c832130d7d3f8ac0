import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { precompress } from "./build/precompress.ts";
import { swPrecache } from "./build/sw-precache.ts";

// YINGJI_API points the dev proxy at another server (default: the one `npm start` runs).
const api = process.env.YINGJI_API ?? "http://localhost:3000";
const page = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Dev server: the field app's deep links (/m/contacts) get its own page, as the server does in production. */
function fieldAppFallback(): Plugin {
  return {
    name: "yingji-field-app-fallback",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = req.url?.split("?")[0] ?? "";
        if (req.method === "GET" && /^\/m(\/[^.]*)?$/.test(path) && req.headers.accept?.includes("text/html")) req.url = "/m/index.html";
        next();
      });
    },
  };
}

export default defineConfig({
  root: page("."),
  plugins: [react(), fieldAppFallback(), swPrecache("m/index.html"), precompress()],
  resolve: {
    // Some transitive peer ranges hoist a second React to the root node_modules;
    // one copy of React in the bundle, the one web/ depends on.
    dedupe: ["react", "react-dom"],
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Two entries: the console (/) and the field app (/m/); shared code goes into shared chunks.
    rollupOptions: { input: { console: page("index.html"), field: page("m/index.html") } },
  },
  server: {
    proxy: {
      "/api": { target: api, changeOrigin: false },
      "/public": { target: api, changeOrigin: false },
    },
  },
});
