/**
 * Alerts from the control plane (DBOS Conductor's `alert` message), handed to the one handler
 * the app registered with `podium.onAlert`. Without a handler an alert is only logged and
 * still counts as delivered, as DBOS Transact does; a handler that throws fails the delivery.
 */
import type { Logger } from '../logger';

/** An alert raised by the control plane. */
export interface Alert {
  name: string;
  message: string;
  metadata: Record<string, string>;
}

/** Receives alerts; may be async. A throw (or rejection) is reported back as a failure. */
export type AlertHandler = (alert: Alert) => void | Promise<void>;

export class Alerts {
  constructor(
    private readonly handler: AlertHandler | undefined,
    private readonly logger: Logger,
  ) {}

  /** Runs the handler (rejects with its error), or logs the alert when there is none. */
  async deliver(alert: Alert): Promise<void> {
    if (this.handler === undefined) {
      this.logger.warn({ alert }, 'alert received, but no alert handler is registered');
      return;
    }
    await this.handler({ ...alert, metadata: { ...alert.metadata } });
  }
}
