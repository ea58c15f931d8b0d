/**
 * Keeps the example busy so there is always something to look at in the console: every
 * `intervalMs` it starts an order, a couple of thumbnails and an import, sometimes an approval
 * (decided a few seconds later, or left to expire) and, now and then, a nightly report.
 * Failures to start are logged; they never stop the traffic or the app.
 */
import { randomInt } from 'node:crypto';
import type { Logger, Podium } from '@podium/sdk';
import { type Decision, type ExampleWorkflows, MEDIA_QUEUE } from './workflows';

export interface Traffic {
  stop(): void;
}

export function startTraffic(
  podium: Podium,
  workflows: ExampleWorkflows,
  options: { intervalMs: number; logger: Logger },
): Traffic {
  const { logger } = options;
  const timers = new Set<NodeJS.Timeout>();
  let round = 0;

  const later = (ms: number, fn: () => Promise<unknown>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn().catch((error: unknown) => logger.warn({ err: String(error) }, 'traffic step failed'));
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
    await workflows.importBatch.start([`batch-${tag}`]);
    if (round % 2 === 1) {
      const approval = await workflows.approval.start([`expense-${tag}`]);
      // Two in three get a decision a few seconds later; the rest expire.
      if (round % 3 !== 0) {
        const decision: Decision = randomInt(4) === 0 ? 'reject' : 'approve';
        later(3_000, () => podium.send(approval.workflowId, decision, 'decision'));
      }
    }
    if (round % 6 === 1)
      await workflows.nightlyReport.start([new Date().toISOString().slice(0, 10)]);
    logger.info({ round, order: order.workflowId }, 'started a round of workflows');
  };

  const interval =
    options.intervalMs > 0
      ? setInterval(() => {
          tick().catch((error: unknown) =>
            logger.warn({ err: String(error) }, 'could not start workflows'),
          );
        }, options.intervalMs)
      : undefined;
  if (interval !== undefined) later(0, tick);

  return {
    stop() {
      clearInterval(interval);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
