#!/usr/bin/env node
// The console's first-load JavaScript per route, gzipped: what a browser downloads before a page
// is interactive. Builds the console (`next build`; SKIP_BUILD=1 reads the last build), then
// reads Next's own per-route list of first-load chunks (.next/diagnostics/route-bundle-stats.json,
// the data behind the size column `next build` no longer prints) and gzips each chunk on its own
// (level 6, what servers use), as the browser receives them. Target: under TARGET_KIB (150) KiB
// on every route. BUDGET=1 (the test command sets it) exits non-zero when a route misses the
// target or a first-load chunk carries zod or the executor catalog: sizes are deterministic for
// one lockfile, so this is a check, not a timing.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { round } from './lib/stats.mjs';

const TARGET_KIB = Number(process.env.TARGET_KIB ?? 150);
const consoleDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'console');

if (process.env.SKIP_BUILD !== '1') {
  execFileSync('pnpm', ['--filter', '@podium/console', 'run', 'build'], { stdio: 'inherit' });
}

const stats = JSON.parse(
  readFileSync(join(consoleDir, '.next', 'diagnostics', 'route-bundle-stats.json'), 'utf8'),
);

const gzippedBytes = new Map();
function gzipped(chunk) {
  if (!gzippedBytes.has(chunk)) {
    gzippedBytes.set(chunk, gzipSync(readFileSync(join(consoleDir, chunk)), { level: 6 }).length);
  }
  return gzippedBytes.get(chunk);
}

const kib = (bytes) => round(bytes / 1024, 1);
const firstLoadChunks = [...new Set(stats.flatMap((route) => route.firstLoadChunkPaths))];
const chunksWith = (text) =>
  firstLoadChunks.filter((chunk) => readFileSync(join(consoleDir, chunk), 'utf8').includes(text));
// A message type only the executor catalog names: the browser must never get the catalog.
const catalogChunks = chunksWith('exist_pending_workflows');
// Zod's base type, by the name it registers: answers are checked on the console's server, and
// the few browser uses of a schema (a form, the live stream) load it after the page.
const zodChunks = chunksWith('"$ZodType"');
const sharedChunks = stats
  .map((route) => new Set(route.firstLoadChunkPaths))
  .reduce((a, b) => new Set([...a].filter((chunk) => b.has(chunk))));
const routes = stats
  .map((route) => {
    const gzip = route.firstLoadChunkPaths.reduce((sum, chunk) => sum + gzipped(chunk), 0);
    return {
      route: route.route,
      chunks: route.firstLoadChunkPaths.length,
      uncompressedKiB: kib(route.firstLoadUncompressedJsBytes),
      gzipKiB: kib(gzip),
      meetsTarget: gzip / 1024 < TARGET_KIB,
    };
  })
  .sort((a, b) => b.gzipKiB - a.gzipKiB);
const sharedKiB = kib([...sharedChunks].reduce((sum, chunk) => sum + gzipped(chunk), 0));

console.log(
  JSON.stringify({ targetKiB: TARGET_KIB, sharedByAllRoutesKiB: sharedKiB, routes }, null, 2),
);
console.log('\n| route | first-load JS, gzipped | uncompressed | under target |');
console.log('| ----- | ---------------------: | -----------: | :----------: |');
for (const r of routes) {
  console.log(
    `| \`${r.route}\` | ${r.gzipKiB} KiB | ${r.uncompressedKiB} KiB | ${r.meetsTarget ? 'yes' : 'no'} |`,
  );
}
const worst = routes[0];
console.log(
  `\nconsole first-load JS: ${routes.at(-1).gzipKiB}–${worst.gzipKiB} KiB gzipped per route ` +
    `(${sharedKiB} KiB shared by all); target < ${TARGET_KIB} KiB: ` +
    `${routes.every((r) => r.meetsTarget) ? 'met' : `missed on ${routes.filter((r) => !r.meetsTarget).length} of ${routes.length} routes`}; ` +
    `executor catalog in the browser: ${catalogChunks.length === 0 ? 'no' : catalogChunks.join(', ')}; ` +
    `zod in the first load: ${zodChunks.length === 0 ? 'no' : zodChunks.join(', ')}`,
);
if (
  process.env.BUDGET === '1' &&
  (!routes.every((r) => r.meetsTarget) || catalogChunks.length > 0 || zodChunks.length > 0)
) {
  process.exitCode = 1;
}
