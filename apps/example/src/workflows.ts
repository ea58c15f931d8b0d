/**
 * The example's workflows: plain async functions whose side effects live in steps. Anything
 * random or time-dependent happens inside a step, so a re-execution (after a crash, a resume
 * or a fork) replays the recorded outcome instead of drawing again.
 */
import { randomInt } from 'node:crypto';
import type { Podium } from '@podium/sdk';

/** Knobs of the simulated work, so the test can run everything in milliseconds. */
export interface Behaviour {
  /** How long one unit of simulated work takes. */
  workMs: number;
  /** The nightly report's durable sleep between gathering and publishing. */
  reportSleepMs: number;
  /** How long an approval waits for a decision before it expires. */
  approvalTimeoutMs: number;
  /** Chance that one payment attempt fails (the step retries up to 3 times). */
  paymentFailureRate: number;
  /** Chance that an import fails for good: something to fork from the console (ERROR is final: resume does not retry it). */
  importFailureRate: number;
}

export const DEFAULT_BEHAVIOUR: Behaviour = {
  workMs: 400,
  reportSleepMs: 30_000,
  approvalTimeoutMs: 60_000,
  paymentFailureRate: 0.3,
  importFailureRate: 0.3,
};

/** The behaviour with every duration multiplied by `scale` (EXAMPLE_TIME_SCALE). */
export function scaleBehaviour(behaviour: Behaviour, scale: number): Behaviour {
  return {
    ...behaviour,
    workMs: behaviour.workMs * scale,
    reportSleepMs: behaviour.reportSleepMs * scale,
    approvalTimeoutMs: behaviour.approvalTimeoutMs * scale,
  };
}

/** The queue thumbnails run on: at most two at a time across every process of the app. */
export const MEDIA_QUEUE = 'media';

export interface Order {
  orderId: string;
  items: { sku: string; quantity: number }[];
}

export type Decision = 'approve' | 'reject';

/** The stream an import writes its progress to, one value per loaded chunk. */
export const IMPORT_PROGRESS = 'progress';
/** How many chunks an import loads. */
export const IMPORT_CHUNKS = 4;

/** One value of an import's progress stream. */
export interface ImportProgress {
  loaded: number;
  total: number;
}

const work = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const chance = (rate: number) => randomInt(1_000_000) < rate * 1_000_000;

export function defineWorkflows(podium: Podium, behaviour: Behaviour = DEFAULT_BEHAVIOUR) {
  podium.queue(MEDIA_QUEUE, { concurrency: 2 });

  /** An order pipeline: each stage is a checkpointed step; payment retries with backoff. */
  const processOrder = podium.workflow('processOrder', async (ctx, order: Order) => {
    const units = await ctx.step('validate', () => {
      if (order.items.length === 0) throw new Error(`order ${order.orderId} has no items`);
      return order.items.reduce((sum, item) => sum + item.quantity, 0);
    });
    await ctx.step('reserveInventory', () => work(behaviour.workMs));
    const payment = await ctx.step(
      'chargePayment',
      async () => {
        await work(behaviour.workMs);
        if (chance(behaviour.paymentFailureRate)) throw new Error('payment gateway timed out');
        return { paymentId: `pay_${randomInt(1e9)}`, amountCents: units * 1_999 };
      },
      { retries: 3, initialDelayMs: 200, backoffFactor: 2 },
    );
    const trackingNumber = await ctx.step('ship', async () => {
      await work(behaviour.workMs);
      return `TRK-${randomInt(1e9)}`;
    });
    await ctx.step('notifyCustomer', () => work(behaviour.workMs / 4));
    return { orderId: order.orderId, ...payment, trackingNumber };
  });

  /** A long-running workflow: the durable sleep survives restarts (only the rest is slept). */
  const nightlyReport = podium.workflow('nightlyReport', async (ctx, day: string) => {
    const rows = await ctx.step('gatherMetrics', async () => {
      await work(behaviour.workMs);
      return randomInt(100, 10_000);
    });
    await ctx.sleep(behaviour.reportSleepMs);
    await ctx.step('publish', () => work(behaviour.workMs));
    return `report for ${day}: ${rows} rows`;
  });

  /**
   * Run by a schedule (see app.ts), once a minute: its arguments are the minute it is for and
   * the schedule's context. A run per minute, however many processes of the app are up.
   */
  const scheduledReport = podium.workflow(
    'scheduledReport',
    async (ctx, minute: Date, context: { report: string }) => {
      const rows = await ctx.step('gatherMetrics', async () => {
        await work(behaviour.workMs);
        return randomInt(100, 10_000);
      });
      await ctx.step('publish', () => work(behaviour.workMs));
      return `${context.report} report for ${minute.toISOString().slice(0, 16)}: ${rows} rows`;
    },
  );

  /** Waits for a human decision sent as a message; expires if none comes in time. */
  const approval = podium.workflow('approval', async (ctx, request: string) => {
    await ctx.step('requestApproval', () => work(behaviour.workMs / 4));
    const decision = await ctx.recv<Decision>('decision', behaviour.approvalTimeoutMs);
    const outcome =
      decision === null ? 'expired' : decision === 'approve' ? 'approved' : 'rejected';
    await ctx.step('record', () => work(behaviour.workMs / 4));
    return `${request} ${outcome}`;
  });

  /** Queued work with a concurrency limit (see MEDIA_QUEUE). */
  const thumbnail = podium.workflow('thumbnail', async (ctx, image: string) => {
    const size = await ctx.step('download', async () => {
      await work(behaviour.workMs);
      return randomInt(50_000, 5_000_000);
    });
    await ctx.step('resize', () => work(behaviour.workMs * 2));
    return `${image}: ${size} bytes → 256×256`;
  });

  /**
   * Fails now and then in its parse step: fork it from that step to retry. Loads in chunks and
   * streams its progress (`IMPORT_PROGRESS`): read it with `podium.readStream`, or open the
   * workflow in the console.
   */
  const importBatch = podium.workflow('importBatch', async (ctx, batch: string) => {
    const rows = await ctx.step('fetch', async () => {
      await work(behaviour.workMs);
      return randomInt(10, 500);
    });
    await ctx.step('parse', () => {
      if (chance(behaviour.importFailureRate)) {
        throw Object.assign(new Error(`row ${randomInt(rows)} of ${batch} is malformed`), {
          code: 'MALFORMED_ROW',
        });
      }
    });
    for (let chunk = 1; chunk <= IMPORT_CHUNKS; chunk++) {
      await ctx.step('load', () => work(behaviour.workMs / IMPORT_CHUNKS));
      const progress: ImportProgress = {
        loaded: Math.round((rows * chunk) / IMPORT_CHUNKS),
        total: rows,
      };
      await ctx.writeStream(IMPORT_PROGRESS, progress);
    }
    await ctx.closeStream(IMPORT_PROGRESS);
    return `${batch}: ${rows} rows imported`;
  });

  return { processOrder, nightlyReport, scheduledReport, approval, thumbnail, importBatch };
}

export type ExampleWorkflows = ReturnType<typeof defineWorkflows>;
