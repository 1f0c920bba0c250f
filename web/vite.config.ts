/// <reference types="vitest/config" />
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";

// Built once, served by the gateway under /ui/ (src/ollama_gateway/web/router.py): hashed assets
// with long cache lifetimes, no inline script (the CSP forbids it), no CDN.
export default defineConfig({
  base: "/ui/",
  plugins: [svelte()],
  build: {
    outDir: "../src/ollama_gateway/web/static",
    emptyOutDir: true,
    manifest: true,
    modulePreload: { polyfill: false },
    target: "es2022",
    chunkSizeWarningLimit: 300,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8000", "/v1": "http://127.0.0.1:8000" },
  },
  test: {
    environment: "jsdom",
    include: ["tests/**/*.test.ts"],
  },
});
