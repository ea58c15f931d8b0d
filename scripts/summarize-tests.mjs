#!/usr/bin/env node
// Sums vitest's "Tests  N passed | M failed" lines and the smoke tests' lines
// across the logs of one `npm test` run, and prints one closing line.
import fs from 'node:fs';

// eslint-disable-next-line no-control-regex -- stripping ANSI colour codes is the point
const ansi = /\x1b\[[0-9;]*m/g;
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(ansi, '');
    const summary = /\b(?:Tests|smoke(?:-cluster)?:)\s+(.*)$/.exec(line);
    if (!summary || !/\d+ (passed|failed)/.test(summary[1])) continue;
    passed += Number(/(\d+) passed/.exec(summary[1])?.[1] ?? 0);
    failed += Number(/(\d+) failed/.exec(summary[1])?.[1] ?? 0);
    skipped += Number(/(\d+) skipped/.exec(summary[1])?.[1] ?? 0);
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
