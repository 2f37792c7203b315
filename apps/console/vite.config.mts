// Build of the staff console (React + Ant Design). Output: apps/console/dist, served by the API under /console/.
//   npm run console:build            (type check + build)
//   npm run console:dev              (dev server on :5173, proxying /api and socket.io to the API on :3000)
// VITE_TILE_URL (at build time) sets the map tiles, default OpenStreetMap. The URL is also written into
// index.html (<meta name="pa-tile-url">), where the API reads it to allow that tile host in the page's CSP.
import { fileURLToPath } from 'node:url';
import { defineConfig, loadEnv, type Plugin } from 'vite';

const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const root = fileURLToPath(new URL('.', import.meta.url));

function tileMeta(tileUrl: string): Plugin {
  return {
    name: 'pa-tile-url-meta',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { name: 'pa-tile-url', content: tileUrl }, injectTo: 'head' }],
  };
}

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, root, 'VITE_');
  const tileUrl = env.VITE_TILE_URL || DEFAULT_TILE_URL;
  const apiTarget = env.VITE_API_URL || 'http://127.0.0.1:3000';
  return {
    root,
    base: '/console/',
    envDir: root,
    define: { 'import.meta.env.VITE_TILE_URL': JSON.stringify(tileUrl) },
    // The workflow's vocabulary and Vietnamese local time, shared with the server (tsconfig.json has the same paths).
    resolve: {
      alias: {
        '@app/workflow': fileURLToPath(new URL('../../libs/workflow/src', import.meta.url)),
        '@app/common/vietnam-time': fileURLToPath(new URL('../../libs/common/src/vietnam-time.ts', import.meta.url)),
        '@app/calendar/default-deadlines': fileURLToPath(
          new URL('../../libs/calendar/src/default-deadlines.ts', import.meta.url),
        ),
      },
    },
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    plugins: [tileMeta(tileUrl)],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: false,
      // antd + echarts + leaflet: one vendor bundle of ~2 MB is expected for an internal console.
      chunkSizeWarningLimit: 3000,
      rolldownOptions: {
        // antd marks its modules "use client" (for React Server Components); meaningless in an SPA bundle.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          warn(warning);
        },
      },
    },
    server: {
      port: 5173,
      proxy: {
        '/api': { target: apiTarget, changeOrigin: true },
        '/socket.io': { target: apiTarget, ws: true, changeOrigin: true },
      },
    },
  };
});
