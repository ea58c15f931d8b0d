import { Injectable } from '@nestjs/common';
import { AlertsRepository } from './alerts.repository';

/** The alerts' history (rule moves, finished deliveries), kept as long as the rest of it. */
@Injectable()
export class AlertHistoryService {
  constructor(private readonly alerts: AlertsRepository) {}

  /**
   * Forgets the rule moves and the finished deliveries (with their request bodies) older than
   * `cutoff`; a PENDING delivery is kept whatever its age. Returns how many of each went.
   */
  forgetBefore(cutoff: Date): Promise<{ events: number; deliveries: number }> {
    return this.alerts.deleteHistoryBefore(cutoff);
  }
}
