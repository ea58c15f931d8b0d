#!/usr/bin/env node
// What the last-known index's writes cost: LastKnownRepository.upsert of ROWS new workflows
// (default 200: one flush at 1,000 new workflows a second), FLUSHES times (default 100) after a
// warm-up, three rounds; then three rounds of the newest PAGE rows (default 50) reported again
// unchanged on every flush, as a console polling one page makes them. Reports the CPU the
// calling process spent per flush (its event loop also serves requests: the JSON it builds and
// the driver call), the PostgreSQL server's, and the WAL the flushes wrote.
// Every database's work counts on the server: run it on an otherwise quiet one.
import { LastKnownRepository } from '@podium/control-plane/dist/modules/workflows/last-known/last-known.repository.js';
import { openDatabase } from '@podium/db';
import { createScratchDatabase } from '@podium/db/testing';
import { seedApps } from './lib/seed.mjs';
import { postgresCpuSeconds } from './lib/service-cpu.mjs';
import { round } from './lib/stats.mjs';

const ROWS = Number(process.env.ROWS ?? 200);
const FLUSHES = Number(process.env.FLUSHES ?? 100);
const PAGE = Number(process.env.PAGE ?? 50);

const MAX_ROWS = 10_000; // PODIUM_LAST_KNOWN_MAX_ROWS's default: the replicas trim to it

const scratch = await createScratchDatabase();
let db;
try {
  db = await openDatabase({ kind: 'postgres', url: scratch.url });
  const { orgId, apps } = await seedApps(scratch.url, 1);
  const scope = { applicationId: apps[0].id, organizationId: orgId };
  const repository = new LastKnownRepository(db);
  // Shaped like lib/simulated-executor.mjs's answers (its CreatedAt and UpdatedAt).
  const workflow = (i) => ({
    workflowId: `wf-${i}`,
    name: 'compose',
    status: 'SUCCESS',
    queueName: null,
    executorId: 'bench-executor',
    applicationVersion: 'v1',
    createdAt: new Date(1795317915993 + i),
    updatedAt: new Date(1795317916002 + i),
    errorSummary: null,
    seenAt: new Date(),
  });
  let next = 0;
  const newRows = () => [{ scope, rows: Array.from({ length: ROWS }, () => workflow(next++)) }];
  // The newest rows, as a console's first page shows them (the trim before each round keeps them).
  const samePage = () => [
    { scope, rows: Array.from({ length: PAGE }, (_, i) => workflow(next - PAGE + i)) },
  ];
  const walBytes = async () => {
    const [{ lsn }] = await db.query('SELECT pg_current_wal_lsn()::text AS lsn', []);
    const [high, low] = lsn.split('/').map((part) => BigInt(`0x${part}`));
    return (high << 32n) + low;
  };

  const measure = async (batch) => {
    const rounds = [];
    for (let r = 0; r < 3; r++) {
      // As a replica keeps it (see TrimSchedule), outside what is measured.
      await repository.pruneApplication(scope.applicationId, new Date(0), MAX_ROWS);
      let callerMicros = 0;
      const postgresBefore = postgresCpuSeconds();
      const walBefore = await walBytes();
      for (let i = 0; i < FLUSHES; i++) {
        const batches = batch();
        const before = process.cpuUsage();
        await repository.upsert(batches);
        const spent = process.cpuUsage(before);
        callerMicros += spent.user + spent.system;
      }
      rounds.push({
        callerCpuMsPerFlush: round(callerMicros / 1000 / FLUSHES, 2),
        postgresCpuMsPerFlush: round(((postgresCpuSeconds() - postgresBefore) * 1000) / FLUSHES, 2),
        walKiBPerFlush: round(Number((await walBytes()) - walBefore) / 1024 / FLUSHES, 1),
      });
    }
    return rounds;
  };

  for (let i = 0; i < 30; i++) await repository.upsert(newRows());
  const result = {
    rowsPerFlush: ROWS,
    flushes: FLUSHES,
    newRows: await measure(newRows),
    samePageRows: PAGE,
    samePage: await measure(samePage),
  };
  console.log(JSON.stringify(result, null, 2));
  const summary = (rounds) =>
    rounds
      .map(
        (r) =>
          `caller ${r.callerCpuMsPerFlush} ms + PostgreSQL ${r.postgresCpuMsPerFlush} ms, ` +
          `WAL ${r.walKiBPerFlush} KiB`,
      )
      .join('; ');
  console.log(
    `last-known writes per flush — ${ROWS} new rows: ${summary(result.newRows)}; ` +
      `the same ${PAGE} rows again: ${summary(result.samePage)}`,
  );
} finally {
  await db?.close();
  await scratch.drop();
}
