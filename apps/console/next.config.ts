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
};

export default nextConfig;
