/**
 * Keeps the example busy so there is always something to look at in the console: every
 * `intervalMs` it starts an order, a couple of thumbnails and an import, sometimes an approval
 * (decided a few seconds later, or left to expire) and, now and then, a nightly report.
 * Failures to start are logged; they never stop the traffic or the app.
 *
 * Each import's progress stream is read as it is written, and logged once it ends.
 *
 * `stop()` waits for the starts and sends already in flight: a workflow whose start is still
 * being recorded when the app shuts down would otherwise begin running after the shutdown
 * interrupted the others, and hold the shutdown up until it finished.
 */
import { randomInt } from 'node:crypto';
import type { Logger, Podium } from '@podium/sdk';
import {
  type Decision,
  type ExampleWorkflows,
  IMPORT_PROGRESS,
  type ImportProgress,
  MEDIA_QUEUE,
} from './workflows';

export interface Traffic {
  /** Starts nothing more; resolves once what was in flight has settled. */
  stop(): Promise<void>;
}

export function startTraffic(
  podium: Podium,
  workflows: ExampleWorkflows,
  options: {
    intervalMs: number;
    logger: Logger;
    /** How long after an approval starts its decision is sent (when it gets one). */
    decisionDelayMs?: number;
  },
): Traffic {
  const { logger, decisionDelayMs = 3_000 } = options;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  let round = 0;
  let stopped = false;

  const track = (fn: () => Promise<unknown>, failure: string) => {
    const running: Promise<void> = fn()
      .then(
        () => undefined,
        (error: unknown) => logger.warn({ err: String(error) }, failure),
      )
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
  };

  const later = (ms: number, fn: () => Promise<unknown>) => {
    if (stopped) return; // a round still finishing schedules nothing more
    const timer = setTimeout(() => {
      timers.delete(timer);
      track(fn, 'traffic step failed');
    }, ms);
    timers.add(timer);
  };

  const tick = async () => {
    round += 1;
    const tag = `${Date.now().toString(36)}-${round}`;
    const order = await workflows.processOrder.start([
      {
        orderId: `order-${tag}`,
        items: [{ sku: `sku-${randomInt(100)}`, quantity: randomInt(1, 4) }],
      },
    ]);
    for (let i = 0; i < 3; i++)
      await workflows.thumbnail.start([`img-${tag}-${i}.jpg`], { queueName: MEDIA_QUEUE });
    const batch = await workflows.importBatch.start([`batch-${tag}`]);
    void followImport(podium, batch.workflowId, logger);
    if (round % 2 === 1) {
      const approval = await workflows.approval.start([`expense-${tag}`]);
      // Two in three get a decision a few seconds later; the rest expire.
      if (round % 3 !== 0) {
        const decision: Decision = randomInt(4) === 0 ? 'reject' : 'approve';
        later(decisionDelayMs, () => podium.send(approval.workflowId, decision, 'decision'));
      }
    }
    if (round % 6 === 1)
      await workflows.nightlyReport.start([new Date().toISOString().slice(0, 10)]);
    logger.info({ round, order: order.workflowId }, 'started a round of workflows');
  };

  const interval =
    options.intervalMs > 0
      ? setInterval(() => track(tick, 'could not start workflows'), options.intervalMs)
      : undefined;
  if (interval !== undefined) later(0, tick);

  return {
    async stop() {
      stopped = true;
      clearInterval(interval);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(inFlight);
    },
  };
}

/**
 * Reads an import's progress stream to its end (closed, or the import failed) and logs where
 * it got. Not tracked by `stop()`: a shutdown ends the read (NotLaunchedError), which is fine.
 */
async function followImport(podium: Podium, workflowId: string, logger: Logger): Promise<void> {
  let last: ImportProgress | undefined;
  let chunks = 0;
  try {
    for await (const progress of podium.readStream<ImportProgress>(workflowId, IMPORT_PROGRESS)) {
      last = progress;
      chunks += 1;
    }
  } catch (error) {
    logger.debug({ workflowId, err: String(error) }, 'stopped reading import progress');
    return;
  }
  logger.info(
    { workflowId, chunks, loaded: last?.loaded ?? 0, total: last?.total ?? null },
    'import progress stream ended',
  );
}
