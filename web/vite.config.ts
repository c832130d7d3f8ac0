import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";

// YINGJI_API points the dev proxy at another server (default: the one `npm start` runs).
const api = process.env.YINGJI_API ?? "http://localhost:3000";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  resolve: {
    // Some transitive peer ranges hoist a second React to the root node_modules;
    // one copy of React in the bundle, the one web/ depends on.
    dedupe: ["react", "react-dom"],
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      "/api": { target: api, changeOrigin: false },
      "/public": { target: api, changeOrigin: false },
    },
  },
});
