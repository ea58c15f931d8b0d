// How contended this machine's CPUs were while a benchmark ran, read from /proc: the share of
// their time the hypervisor gave to someone else ("steal": a stolen virtual CPU stalls whatever
// runs on it, for as long as the host decides), and how long processes waited, ready to run,
// for a CPU of this machine (run-queue wait). Tail latencies are read with these beside them.
import fs from 'node:fs';
import os from 'node:os';
import zlib from 'node:zlib';

/** Clock ticks all CPUs spent since boot: in all, and stolen (the aggregate "cpu" line). */
export function machineCpuTicks() {
  const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal (guest time is already in user)
  const ticks = fields.slice(0, 8).map(Number);
  return { total: ticks.reduce((sum, t) => sum + t, 0), stolen: ticks[7] };
}

/** The share (%) of all CPU time the host stole between two `machineCpuTicks()` readings. */
export function stolenPercent(before, after) {
  return (100 * (after.stolen - before.stolen)) / (after.total - before.total);
}

/**
 * Seconds the process's main thread (a Node process's event loop; not its other threads) has
 * spent ready to run but waiting for a CPU, so far (the second field of /proc/<pid>/schedstat);
 * 0 when the kernel does not keep it or the process is gone.
 */
export function runQueueWaitSeconds(pid) {
  try {
    const [, waitedNs] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ');
    return Number(waitedNs) / 1e9;
  } catch {
    return 0;
  }
}

/**
 * The kernel's timer frequency (CONFIG_HZ), from its own configuration (`/proc/config.gz`, or
 * the distribution's copy in /boot): a process woken on a busy CPU may wait for a tick,
 * 1000 / hz ms apart. null when neither is there.
 */
export function kernelTickHz() {
  return (
    tickOf(() => zlib.gunzipSync(fs.readFileSync('/proc/config.gz')).toString()) ??
    tickOf(() => fs.readFileSync(`/boot/config-${os.release()}`, 'utf8'))
  );
}

function tickOf(readConfig) {
  try {
    return Number(/^CONFIG_HZ=(\d+)$/m.exec(readConfig())?.[1]) || null;
  } catch {
    return null;
  }
}
