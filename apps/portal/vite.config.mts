// Build of the citizens' portal (Preact, docs/architecture.md#portal). Output: apps/portal/dist, served by the API at /.
//   npm run portal:build            (type check + build)
//   npm run portal:dev              (dev server on :5174, proxying /api to the API on :3000)
// VITE_TILE_URL (at build time) sets the map tiles, default OpenStreetMap, written into index.html
// (<meta name="pa-tile-url">) where the API reads it to allow that tile host in the page's CSP (as the console).
// The first load must stay under 200 KB of compressed script (apps/portal/test/portal.e2e-spec.ts measures what the
// browser received): Leaflet is loaded by the pages that draw a map, in its own chunk, and every script and style
// has a Brotli and a gzip copy beside it that the API sends instead.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, loadEnv, type Plugin } from 'vite';

const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const root = fileURLToPath(new URL('.', import.meta.url));

function tileMeta(tileUrl: string): Plugin {
  return {
    name: 'pa-tile-url-meta',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { name: 'pa-tile-url', content: tileUrl }, injectTo: 'head' }],
  };
}

/**
 * Brotli and gzip copies of the scripts and styles beside them, which the API sends to a browser that accepts them
 * (@fastify/static's preCompressed, apps/api/src/static-site): compressed once at build time, at the best level.
 */
function precompress(outDir: string): Plugin {
  return {
    name: 'pa-precompress',
    apply: 'build',
    closeBundle() {
      const assets = join(outDir, 'assets');
      for (const name of readdirSync(assets).filter((n) => /\.(js|css)$/.test(n))) {
        const file = join(assets, name);
        const bytes = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, root, 'VITE_');
  const tileUrl = env.VITE_TILE_URL || DEFAULT_TILE_URL;
  const apiTarget = env.VITE_API_URL || 'http://127.0.0.1:3000';
  return {
    root,
    base: '/',
    envDir: root,
    define: { 'import.meta.env.VITE_TILE_URL': JSON.stringify(tileUrl) },
    // The status labels and Vietnamese local time, shared with the server (tsconfig.json has the same paths).
    resolve: {
      alias: {
        '@app/workflow/labels': fileURLToPath(new URL('../../libs/workflow/src/labels.ts', import.meta.url)),
        '@app/common/vietnam-time': fileURLToPath(new URL('../../libs/common/src/vietnam-time.ts', import.meta.url)),
      },
    },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    plugins: [tileMeta(tileUrl), precompress(join(root, 'dist'))],
    build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2020' },
    server: { port: 5174, proxy: { '/api': { target: apiTarget, changeOrigin: true } } },
  };
});
