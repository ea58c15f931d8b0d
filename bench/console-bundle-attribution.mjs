#!/usr/bin/env node
// Where each route's first-load JavaScript goes, gzipped: Next.js and React, zod, the
// console's query cache, the protocol, the console's other code, other packages. Builds the console with browser
// source maps (PODIUM_BROWSER_SOURCE_MAPS=1; SKIP_BUILD=1 reads the last such build), takes the
// same first-load chunks as console-bundle.mjs, and spreads each chunk's gzipped size over its
// bytes by source (each chunk's gzip ratio applied to the bytes each source file generated).
// ROUTES=route1,route2 picks routes (default: all); TOP=n also lists the n largest files.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bytesPerSource } from './lib/source-map-bytes.mjs';
import { round } from './lib/stats.mjs';

const consoleDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'console');
const TOP = Number(process.env.TOP ?? 0);

if (process.env.SKIP_BUILD !== '1') {
  execFileSync('pnpm', ['--filter', '@podium/console', 'run', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, PODIUM_BROWSER_SOURCE_MAPS: '1' },
  });
}

/** The package or part of the repository a source path belongs to. */
function groupOf(source) {
  const pkg = source.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/);
  if (pkg) {
    if (['next', 'react', 'react-dom', 'scheduler', '@swc/helpers'].includes(pkg[1])) {
      return 'Next.js + React';
    }
    return pkg[1];
  }
  if (source.startsWith('turbopack:///[turbopack]')) return 'Next.js + React';
  if (source.includes('packages/protocol/')) return '@podium/protocol';
  if (source.includes('apps/console/src/lib/query/')) return 'console query cache';
  if (source.includes('apps/console/')) return 'console code';
  return '(unmapped)';
}

function chunkShares(chunk) {
  const code = readFileSync(join(consoleDir, chunk), 'utf8');
  const ratio = gzipSync(code, { level: 6 }).length / Buffer.byteLength(code);
  const mapFile = code.match(/sourceMappingURL=(\S+)\s*$/)?.[1];
  if (!mapFile)
    throw new Error(`${chunk} has no source map: build with PODIUM_BROWSER_SOURCE_MAPS=1`);
  const map = JSON.parse(readFileSync(join(consoleDir, dirname(chunk), mapFile), 'utf8'));
  const shares = new Map();
  for (const [source, bytes] of bytesPerSource(code, map)) shares.set(source, bytes * ratio);
  return shares;
}

const stats = JSON.parse(
  readFileSync(join(consoleDir, '.next', 'diagnostics', 'route-bundle-stats.json'), 'utf8'),
);
const wanted = process.env.ROUTES?.split(',');
const sharesOf = new Map();
const kib = (bytes) => round(bytes / 1024, 1);

for (const route of stats.filter((r) => !wanted || wanted.includes(r.route))) {
  const perSource = new Map();
  for (const chunk of route.firstLoadChunkPaths) {
    if (!sharesOf.has(chunk)) sharesOf.set(chunk, chunkShares(chunk));
    for (const [source, bytes] of sharesOf.get(chunk)) {
      perSource.set(source, (perSource.get(source) ?? 0) + bytes);
    }
  }
  const perGroup = new Map();
  for (const [source, bytes] of perSource) {
    perGroup.set(groupOf(source), (perGroup.get(groupOf(source)) ?? 0) + bytes);
  }
  const total = [...perGroup.values()].reduce((a, b) => a + b, 0);
  const groups = Object.fromEntries(
    [...perGroup].sort((a, b) => b[1] - a[1]).map(([group, bytes]) => [group, kib(bytes)]),
  );
  const largest = [...perSource]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([source, bytes]) => `${kib(bytes)} KiB ${source.replace(/^.*node_modules\//, '')}`);
  console.log(JSON.stringify({ route: route.route, gzipKiB: kib(total), groups, largest }));
}
