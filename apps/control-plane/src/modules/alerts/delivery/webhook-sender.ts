import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { AlertDeliveryAttempt } from '@podium/protocol';
import type { Logger } from 'pino';
import { LOGGER } from '../../../common/logging/logging.tokens';
import { runAt } from '../../../common/time/run-at';
import { CONFIG, type Config } from '../../../config/config';
import { AlertsRepository, type DeliveryLease } from '../alerts.repository';
import { SIGNATURE_HEADER, signatureHeader } from '../webhooks/webhook-signature';
import { postWebhook, WebhookPostError } from './webhook-post';

/** One webhook notification: where, the body, and the secret that signs it. */
export interface WebhookJob {
  readonly deliveryId: string;
  /** Null when the stored URL could not be opened: the delivery fails, saying why. */
  readonly url: string | null;
  readonly body: string;
  /** Null when the stored secret could not be opened: the delivery fails, saying why. */
  readonly secret: string | null;
  /** Attempts already made (a delivery resumed from another process); 0 when new. */
  readonly attemptsMade?: number;
}

/**
 * How long a lease outlasts the work it covers: a stalled event loop or a slow database write
 * must not make a live sender look dead (and its delivery sent twice).
 */
const LEASE_SLACK_MS = 5_000;

/**
 * POSTs webhook notifications, each attempt recorded in its delivery row: up to
 * `webhookMaxAttempts`, waiting `webhookRetryBaseMs` × 2^(n-1) between attempts, each attempt
 * cut after `webhookTimeoutMs`. Runs in the background (the evaluator never waits for it).
 * Each delivery is leased to this process until its next attempt is due (and some): retries
 * waiting when the process stops are abandoned, the row stays PENDING, and once the lease has
 * passed the coordinator resumes them where they were (WebhookResumption); before each attempt
 * the lease is renewed, so a delivery another process took over is never sent from here too.
 * The secret and the URL's path (Slack's carries a token) are never logged.
 */
@Injectable()
export class WebhookSender implements OnModuleDestroy {
  private readonly logger: Logger;
  private readonly waits = new Set<{ cancel: () => void; done: () => void }>();
  private stopped = false;
  /** This process, as the owner of the leases it takes. */
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID()}`;

  constructor(
    private readonly alerts: AlertsRepository,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'alert-webhooks' });
  }

  onModuleDestroy() {
    this.stopped = true;
    for (const wait of this.waits) {
      wait.cancel();
      wait.done();
    }
  }

  /** A lease for this process covering `waitMs`, then one attempt. */
  leaseFor(waitMs = 0): DeliveryLease {
    const { webhookTimeoutMs } = this.config.alerts;
    return {
      owner: this.owner,
      until: new Date(Date.now() + waitMs + webhookTimeoutMs + LEASE_SLACK_MS),
    };
  }

  /** Starts the attempts (of a delivery leased to this process) and returns at once. */
  send(job: WebhookJob): void {
    void this.run(job).catch((error: unknown) =>
      this.logger.error(
        { deliveryId: job.deliveryId, err: String(error) },
        'a webhook delivery could not be recorded',
      ),
    );
  }

  private async run(job: WebhookJob): Promise<void> {
    const { webhookMaxAttempts: max, webhookRetryBaseMs: base } = this.config.alerts;
    if ((job.attemptsMade ?? 0) >= max) {
      // Resumed with no attempt left (the limit was lowered since): failed, not PENDING for ever.
      if (await this.alerts.giveUp(job.deliveryId, this.owner)) {
        this.logger.warn(
          { deliveryId: job.deliveryId, origin: originOf(job.url) },
          'alert webhook delivery failed: no attempts left',
        );
      }
      return;
    }
    for (let n = (job.attemptsMade ?? 0) + 1; n <= max && !this.stopped; n++) {
      if (!(await this.alerts.renewLease(job.deliveryId, this.leaseFor()))) return; // taken over
      const { attempt, final } = await this.attempt(job);
      const last = n === max || final;
      const status = attempt.ok ? 'DELIVERED' : last ? 'FAILED' : 'PENDING';
      const backoff = base * 2 ** (n - 1);
      const leaseUntil = status === 'PENDING' ? this.leaseFor(backoff).until : null;
      await this.alerts.recordAttempt(job.deliveryId, attempt, status, leaseUntil);
      if (attempt.ok || last) {
        if (!attempt.ok) {
          this.logger.warn(
            { deliveryId: job.deliveryId, origin: originOf(job.url), error: attempt.error },
            'alert webhook delivery failed: no attempts left',
          );
        }
        return;
      }
      await this.wait(backoff);
    }
  }

  /** One attempt, and whether it is final whatever the attempts left (nothing would change). */
  private async attempt(
    job: WebhookJob,
  ): Promise<{ attempt: AlertDeliveryAttempt; final: boolean }> {
    const at = new Date();
    const result = (fields: Omit<AlertDeliveryAttempt, 'at' | 'durationMs'>, final = false) => ({
      attempt: { at: at.toISOString(), durationMs: Date.now() - at.getTime(), ...fields },
      final,
    });
    if (job.url === null || job.secret === null) {
      const what = job.url === null ? 'URL' : 'signing secret';
      const error = `The webhook's ${what} cannot be read (was the session secret changed?): re-create the webhook.`;
      return result({ ok: false, httpStatus: null, error }, true);
    }
    const { url, secret } = job;
    try {
      const httpStatus = await postWebhook({
        url,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Podium-Alerts',
          'podium-delivery': job.deliveryId,
          [SIGNATURE_HEADER]: signatureHeader(secret, job.body, at),
        },
        body: job.body,
        timeoutMs: this.config.alerts.webhookTimeoutMs,
        allowPrivate: this.config.alerts.webhookAllowPrivate,
      });
      const ok = httpStatus >= 200 && httpStatus < 300;
      return result({ ok, httpStatus, error: ok ? null : 'non-2xx answer' });
    } catch (error) {
      const refused = error instanceof WebhookPostError && error.refused;
      return result({ ok: false, httpStatus: null, error: describe(error) }, refused);
    }
  }

  /** Waits `ms`, however long (runAt: a bare timer fires at once past 2^31 − 1 ms). */
  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = { cancel: () => {}, done: resolve };
      this.waits.add(entry);
      entry.cancel = runAt(new Date(Date.now() + ms), () => {
        this.waits.delete(entry);
        resolve();
      });
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Scheme, host and port only: paths and queries may carry tokens. */
export function originOf(url: string | null): string {
  if (url === null) return 'unreadable URL';
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid URL';
  }
}
