// CPU the shared services on this machine spent, read from /proc like the control planes'
// (lib/control-plane.mjs): the whole PostgreSQL server and the Redis server.
import { execFileSync } from 'node:child_process';
import { cpuSeconds, endedChildrenCpuSeconds } from './control-plane.mjs';

function pids(pgrepArgs) {
  try {
    return execFileSync('pgrep', pgrepArgs, { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

function sumCpuSeconds(pidList) {
  let total = 0;
  for (const pid of pidList) {
    try {
      total += cpuSeconds(pid);
    } catch {
      // gone meanwhile (its time is now its parent's: see postgresCpuSeconds)
    }
  }
  return total;
}

/**
 * CPU seconds the PostgreSQL server has used so far: the postmaster, its processes (backends,
 * autovacuum, the WAL writer …) and those that ended (counted into the postmaster's children's
 * time when it reaps them), so closing connections lose nothing. Every database's work counts:
 * measure on an otherwise quiet server. 0 when no server runs on this machine.
 */
export function postgresCpuSeconds() {
  const [postmaster] = pids(['-o', '-x', 'postgres']);
  if (!postmaster) return 0;
  return (
    cpuSeconds(postmaster) +
    endedChildrenCpuSeconds(postmaster) +
    sumCpuSeconds(pids(['-P', postmaster]))
  );
}

/** The Redis server's processes on this machine. */
export function redisPids() {
  return pids(['-x', 'redis-server']);
}

/** CPU seconds the Redis server on this machine has used so far. */
export function redisCpuSeconds() {
  return sumCpuSeconds(redisPids());
}
