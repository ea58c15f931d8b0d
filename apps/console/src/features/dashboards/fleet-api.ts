// The fleet page's fan-out: one row per application, a few applications at a time. An app with
// no executor connected is "offline" (its live numbers are unknown, not an error).
import { AppError, isInternalQueueName } from '@podium/protocol/rest';
import type { RequestOptions } from '../../lib/api-client';
import {
  fetchApplicationNames,
  fetchExecutorHealth,
  fetchQueueCounts,
  fetchStatusCounts,
} from './api';
import { mapWithConcurrency } from './concurrency';
import { failuresOf, type FleetRow } from './fleet-rows';
import { queueBacklog } from './queue-backlog';

/** How far back the fleet's failure counts look. */
export const FLEET_RECENT_MS = 60 * 60_000;
/** Applications asked at once (each costs its executors two aggregate queries). */
export const FLEET_CONCURRENCY = 4;

export async function fetchFleetRow(
  org: string,
  app: string,
  now: number,
  options?: RequestOptions,
): Promise<FleetRow> {
  const unknown = { failed: null, failureRate: null, enqueued: null, oldestEnqueuedMs: null };
  let health: { connected: number; dead: number };
  try {
    health = await fetchExecutorHealth(org, app, options);
  } catch {
    return { app, state: 'unavailable', connected: 0, dead: 0, ...unknown };
  }
  if (health.connected === 0) return { app, state: 'offline', ...health, ...unknown };
  try {
    const [statuses, queues] = await Promise.all([
      fetchStatusCounts(org, app, now - FLEET_RECENT_MS, options),
      fetchQueueCounts(org, app, options),
    ]);
    const backlog = queueBacklog(queues, now, isInternalQueueName);
    const ages = backlog.flatMap((queue) =>
      queue.oldestAgeMs === null ? [] : [queue.oldestAgeMs],
    );
    return {
      app,
      state: 'online',
      ...health,
      ...failuresOf(statuses),
      enqueued: backlog.reduce((sum, queue) => sum + queue.depth, 0),
      oldestEnqueuedMs: ages.length > 0 ? Math.max(...ages) : null,
    };
  } catch (error) {
    // Its executors left between the two questions: offline, as the records will soon say.
    const offline = AppError.is(error) && error.code === 'EXECUTOR_UNAVAILABLE';
    return { app, state: offline ? 'offline' : 'unavailable', ...health, ...unknown };
  }
}

/** Every application of the organization, FLEET_CONCURRENCY at a time. */
export async function fetchFleet(
  org: string,
  now: number,
  options?: RequestOptions,
): Promise<FleetRow[]> {
  const names = await fetchApplicationNames(org, options);
  return mapWithConcurrency(names, FLEET_CONCURRENCY, (app) =>
    fetchFleetRow(org, app, now, options),
  );
}
