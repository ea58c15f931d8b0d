#!/usr/bin/env node
// The floor under every tail latency measured on this machine: a message to an idle process
// and straight back over a WebSocket (lib/echo-process.mjs, two wake-ups), open-loop at RATE
// a second (default 1,000) for SECONDS (default 8), while 0, 1, … up to one more than the CPU
// count of busy processes keep the CPUs busy. A woken process that finds every CPU busy waits for
// the scheduler (on a kernel with a 250 Hz tick, up to 4 ms); a virtual CPU the host steals
// stalls whatever runs on it. Reports each phase's p50/p99/max with the CPU time stolen
// meanwhile, and the kernel's tick when it says.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { kernelTickHz, machineCpuTicks } from './lib/machine-cpu.mjs';
import { runOpenLoop } from './lib/open-loop.mjs';
import { roundTripClients } from './lib/round-trips.mjs';
import { percentile, round } from './lib/stats.mjs';

const RATE = Number(process.env.RATE ?? 1000);
const SECONDS = Number(process.env.SECONDS ?? 8);
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const cpus = os.availableParallelism();

const echo = await roundTripClients(REDIS_URL, `bench-${randomBytes(4).toString('hex')}`);
const spinners = [];
try {
  await runOpenLoop({ rate: RATE, seconds: 2, send: echo.socket });
  const phases = [];
  for (let busy = 0; busy <= cpus + 1; busy++) {
    while (spinners.length < busy) {
      spinners.push(spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' }));
    }
    const before = machineCpuTicks();
    const { latencies, errors } = await runOpenLoop({
      rate: RATE,
      seconds: SECONDS,
      send: echo.socket,
    });
    const after = machineCpuTicks();
    phases.push({
      busyProcesses: busy,
      errors,
      p50Ms: round(percentile(latencies, 50), 2),
      p99Ms: round(percentile(latencies, 99), 2),
      maxMs: round(latencies.at(-1), 2),
      stolenPercent: round(
        (100 * (after.stolen - before.stolen)) / (after.total - before.total),
        1,
      ),
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
            `${p.busyProcesses} busy: p50 ${p.p50Ms} / p99 ${p.p99Ms} / max ${p.maxMs} ms (stolen ${p.stolenPercent} %)`,
        )
        .join('; '),
  );
} finally {
  for (const spinner of spinners) spinner.kill();
  echo.close();
}
