#!/usr/bin/env node
// The floor under every tail latency measured on this machine: a message to an idle process
// and straight back over a WebSocket (lib/echo-process.mjs, two wake-ups), open-loop at RATE
// a second (default 1,000) for SECONDS (default 8), while 0, N - 1, N and N + 1 busy loops keep
// the machine's N CPUs busy. A woken process that finds every CPU busy waits for the scheduler
// (on a kernel with a 250 Hz tick, typically about one 4 ms tick); a virtual CPU the host
// steals stalls whatever runs on it. Reports each phase's latencies with the CPU time stolen
// meanwhile, and the kernel's tick when it says; also what one hop between processes costs in
// CPU: how long each send's write held the bench (the kernel delivering over loopback and
// waking the echo) and the echo process's CPU per round trip (one message in, one out).
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { summarize } from './lib/command-clients.mjs';
import { cpuSeconds } from './lib/control-plane.mjs';
import { kernelTickHz, machineCpuTicks, stolenPercent } from './lib/machine-cpu.mjs';
import { runOpenLoop } from './lib/open-loop.mjs';
import { roundTripClients } from './lib/round-trips.mjs';
import { percentile, round } from './lib/stats.mjs';

const RATE = Number(process.env.RATE ?? 1000);
const SECONDS = Number(process.env.SECONDS ?? 8);
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const cpus = os.availableParallelism();
const busyCounts = [...new Set([0, cpus - 1, cpus, cpus + 1])];

const echo = await roundTripClients(REDIS_URL, `bench-${randomBytes(4).toString('hex')}`);
// Threads of this process, not processes: they cannot outlive it, however it ends.
const busyLoops = [];
try {
  await runOpenLoop({ rate: RATE, seconds: 2, send: echo.socket });
  const phases = [];
  for (const busy of busyCounts) {
    while (busyLoops.length < busy) busyLoops.push(new Worker('for (;;);', { eval: true }));
    echo.takeWriteMs();
    const before = machineCpuTicks();
    const echoCpuBefore = cpuSeconds(echo.pid);
    const run = await runOpenLoop({ rate: RATE, seconds: SECONDS, send: echo.socket });
    const echoCpuUs = ((cpuSeconds(echo.pid) - echoCpuBefore) * 1e6) / run.sent;
    const stolen = stolenPercent(before, machineCpuTicks());
    const writeMs = echo.takeWriteMs().sort((a, b) => a - b);
    phases.push({
      busyLoops: busy,
      ...summarize([run]),
      stolenPercent: round(stolen, 1),
      sendWriteUs: {
        p50: round(percentile(writeMs, 50) * 1000, 1),
        p99: round(percentile(writeMs, 99) * 1000, 1),
      },
      echoCpuUsPerRoundTrip: round(echoCpuUs, 1),
    });
  }
  const result = {
    cpus,
    kernelTickHz: kernelTickHz(),
    rate: RATE,
    secondsPerPhase: SECONDS,
    phases,
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `machine floor (${cpus} CPUs, kernel tick ${result.kernelTickHz ?? 'unknown'} Hz): a WebSocket round trip to an idle process at ${RATE}/s — ` +
      phases
        .map(
          (p) =>
            `${p.busyLoops} busy: p50 ${p.p50Ms} / p99 ${p.p99Ms} / max ${p.maxMs} ms (stolen ${p.stolenPercent} %, ` +
            `send's write p50 ${p.sendWriteUs.p50} / p99 ${p.sendWriteUs.p99} µs, echo's CPU ${p.echoCpuUsPerRoundTrip} µs per round trip)`,
        )
        .join('; '),
  );
} finally {
  await Promise.all(busyLoops.map((loop) => loop.terminate()));
  echo.close();
}
