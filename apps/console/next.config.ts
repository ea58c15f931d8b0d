import path from 'node:path';
import type { NextConfig } from 'next';

// The workspace root holds the one lockfile; pointing Next at it keeps it from
// guessing (and warning about) which lockfile is the root.
const workspaceRoot = path.resolve(__dirname, '../..');

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Only for bench/console-bundle-attribution.mjs, which reads where each chunk's bytes come
  // from; a normal build ships no source maps.
  productionBrowserSourceMaps: process.env.PODIUM_BROWSER_SOURCE_MAPS === '1',
  turbopack: { root: workspaceRoot },
  outputFileTracingRoot: workspaceRoot,
  // Each saves about 1 KiB (chunking) and 0.6 KiB (CommonJS tree shaking: Next's and React's
  // unused exports) gzipped on every route's first load; bench/console-bundle.mjs measures it.
  experimental: {
    // Fewer, larger first-load chunks: a route's small chunks of its own code compress better
    // together.
    turbopackChunking: { minChunkSize: 150_000, maxChunkCountPerGroup: 6 },
    turbopackCjsTreeShaking: true,
  },
};

export default nextConfig;
