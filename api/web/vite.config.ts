import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The web UI: built into api/web/dist and served by the api process (same origin, cookie session). */
export default defineConfig({
  root,
  base: '/',
  // JSX through Vite's own Oxc transformer: no framework preset needed
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // helmet's CSP forbids inline scripts and styles: keep every asset a file
    assetsInlineLimit: 0,
  },
  server: {
    // `npx vite --config api/web/vite.config.ts` for development: the api answers /v1
    proxy: { '/v1': 'http://127.0.0.1:3000' },
  },
});
