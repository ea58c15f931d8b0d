import { Inject, Injectable } from '@nestjs/common';
import type { Database, Prisma } from '@podium/db';
import type {
  AlertDeliveryAttempt,
  AlertDeliveryStatus,
  AlertEvent,
  AlertRuleType,
  AlertState,
  AlertWebhookFormat,
} from '@podium/protocol';
import { DATABASE } from '../../infra/database/database.tokens';
import { createWithinQuota, QUOTA_EXCEEDED } from '../../infra/database/organization-quota';

export interface AlertRuleRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly applicationId: string;
  readonly receivingApplicationId: string;
  readonly ruleType: string;
  readonly ruleMetadata: unknown;
  readonly minIntervalSecs: number | null;
  readonly lastFiredAt: Date | null;
  readonly state: AlertState;
  readonly stateChangedAt: Date | null;
  readonly createdAt: Date;
}

/** A rule with the names its notifications give. */
export interface AlertRuleInContext extends AlertRuleRecord {
  readonly application: { readonly name: string; readonly organization: { readonly name: string } };
  readonly receivingApplication: { readonly name: string };
}

export interface NewAlertRule {
  readonly organizationId: string;
  readonly applicationId: string;
  readonly receivingApplicationId: string;
  readonly ruleType: AlertRuleType;
  readonly ruleMetadata: Record<string, unknown>;
  readonly minIntervalSecs: number | null;
}

export interface AlertWebhookRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly applicationId: string | null;
  readonly url: string;
  readonly format: string;
  readonly secretPrefix: string;
  readonly secretEncrypted: string;
  readonly createdAt: Date;
}

export interface NewAlertDelivery {
  /** Chosen by the caller when the body names the delivery (webhooks); generated otherwise. */
  readonly id?: string;
  readonly organizationId: string;
  readonly applicationId: string;
  readonly ruleId: string;
  readonly ruleType: string;
  readonly event: AlertEvent;
  readonly channel: 'webhook' | 'executor';
  readonly webhookId: string | null;
  readonly target: string;
  readonly message: string;
  /** A webhook's request body, so another process can retry it. */
  readonly body?: string;
  /** Who sends it first (webhooks): until the lease passes, no one else will. */
  readonly lease?: DeliveryLease;
}

/** A process's claim on a PENDING webhook delivery (see WebhookSender). */
export interface DeliveryLease {
  readonly owner: string;
  readonly until: Date;
}

/** An abandoned webhook delivery, claimed to be resumed. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly webhookId: string | null;
  readonly body: string | null;
  /** Attempts made so far. */
  readonly attemptCount: number;
}

/** A delivery row as stored (its strings are the protocol's enums, checked when mapped). */
export interface AlertDeliveryRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly applicationId: string;
  readonly ruleId: string | null;
  readonly ruleType: string;
  readonly event: string;
  readonly channel: string;
  readonly webhookId: string | null;
  readonly target: string;
  readonly message: string;
  readonly status: string;
  readonly attempts: unknown;
  readonly createdAt: Date;
}

const IN_CONTEXT = {
  application: { select: { name: true, organization: { select: { name: true } } } },
  receivingApplication: { select: { name: true } },
} satisfies Prisma.AlertRuleInclude;

/** The only place that touches the alert tables. Operator reads are scoped by organization. */
@Injectable()
export class AlertsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Rules of other applications that send their alerts to this one are given back their own
   * application as receiver (this one is being deleted: the cascade would delete them);
   * returns their ids.
   */
  async receiveOwnAlertsInsteadOf(
    organizationId: string,
    applicationId: string,
  ): Promise<string[]> {
    const rows = await this.db.prisma.$queryRaw<{ id: string }[]>`
      UPDATE alert_rules SET receiving_application_id = application_id
      WHERE organization_id = ${organizationId}::uuid
        AND receiving_application_id = ${applicationId}::uuid
        AND application_id <> ${applicationId}::uuid
      RETURNING id::text AS id`;
    return rows.map((row) => row.id);
  }

  findRules(organizationId: string, applicationId: string): Promise<AlertRuleRecord[]> {
    return this.db.prisma.alertRule.findMany({
      where: { organizationId, applicationId },
      orderBy: { createdAt: 'asc' },
    });
  }

  /** QUOTA_EXCEEDED when the organization has `max` rules already (0: no limit). */
  createRule(rule: NewAlertRule, max: number): Promise<AlertRuleRecord | typeof QUOTA_EXCEEDED> {
    const { organizationId } = rule;
    return createWithinQuota(this.db, {
      organizationId,
      max,
      count: (tx) => tx.alertRule.count({ where: { organizationId } }),
      create: (tx) =>
        tx.alertRule.create({
          data: { ...rule, ruleMetadata: rule.ruleMetadata as Prisma.InputJsonObject },
        }),
    });
  }

  /** Null when the application has no such rule. */
  findRule(organizationId: string, applicationId: string, id: string) {
    return this.db.prisma.alertRule.findFirst({
      where: { id, organizationId, applicationId },
    }) as Promise<AlertRuleRecord | null>;
  }

  /** Null when the application has no such rule (any more). */
  async updateRule(
    organizationId: string,
    applicationId: string,
    id: string,
    changes: {
      ruleMetadata?: Record<string, unknown>;
      receivingApplicationId?: string;
      minIntervalSecs?: number | null;
    },
  ): Promise<AlertRuleRecord | null> {
    const { count } = await this.db.prisma.alertRule.updateMany({
      where: { id, organizationId, applicationId },
      data: {
        ...changes,
        ruleMetadata: changes.ruleMetadata as Prisma.InputJsonObject | undefined,
      },
    });
    return count > 0 ? this.findRule(organizationId, applicationId, id) : null;
  }

  async deleteRule(organizationId: string, applicationId: string, id: string): Promise<boolean> {
    const { count } = await this.db.prisma.alertRule.deleteMany({
      where: { id, organizationId, applicationId },
    });
    return count > 0;
  }

  /** Every rule of the installation, for the evaluator (or one application's). */
  findRulesToEvaluate(filter: {
    applicationId?: string;
    ruleTypes?: readonly AlertRuleType[];
  }): Promise<AlertRuleInContext[]> {
    return this.db.prisma.alertRule.findMany({
      where: {
        applicationId: filter.applicationId,
        ruleType: filter.ruleTypes ? { in: [...filter.ruleTypes] } : undefined,
      },
      include: IN_CONTEXT,
      orderBy: { createdAt: 'asc' },
    });
  }

  /**
   * Moves a rule from `from` to `to` unless it is no longer `from` (another replica, or an
   * earlier pass, moved it): true when this call made the change. `fired` also sets lastFiredAt.
   * The move is recorded in `alert_events` (the incident timeline) in the same transaction.
   */
  changeState(
    rule: AlertRuleRecord,
    from: AlertState,
    to: AlertState,
    at: Date,
    move: { readonly fired: boolean; readonly message: string },
  ): Promise<boolean> {
    return this.db.prisma.$transaction(async (tx) => {
      const { count } = await tx.alertRule.updateMany({
        where: { id: rule.id, state: from },
        data: { state: to, stateChangedAt: at, ...(move.fired && { lastFiredAt: at }) },
      });
      if (count === 0) return false;
      await tx.alertEvent.create({
        data: {
          organizationId: rule.organizationId,
          applicationId: rule.applicationId,
          ruleId: rule.id,
          ruleType: rule.ruleType,
          event: to === 'FIRING' ? 'FIRING' : 'RESOLVED',
          message: move.message,
          // A resolution is always sent; a firing is held back while throttled.
          notified: to === 'FIRING' ? move.fired : true,
          at,
        },
      });
      return true;
    });
  }

  findWebhooks(
    organizationId: string,
    applicationId: string | null,
  ): Promise<AlertWebhookRecord[]> {
    return this.db.prisma.alertWebhook.findMany({
      where: { organizationId, applicationId },
      orderBy: { createdAt: 'asc' },
    });
  }

  /** The webhooks an application's alerts go to: its own and its organization's. */
  findWebhooksFor(organizationId: string, applicationId: string): Promise<AlertWebhookRecord[]> {
    return this.db.prisma.alertWebhook.findMany({
      where: { organizationId, OR: [{ applicationId }, { applicationId: null }] },
      orderBy: { createdAt: 'asc' },
    });
  }

  /** Every webhook whose URL is still stored plain (from before URLs were sealed). */
  findPlainUrlWebhooks(): Promise<Array<{ id: string; url: string }>> {
    const plain = (scheme: string) => ({
      url: { startsWith: `${scheme}://`, mode: 'insensitive' as const },
    });
    return this.db.prisma.alertWebhook.findMany({
      where: { OR: [plain('http'), plain('https')] },
      select: { id: true, url: true },
    });
  }

  /** Stores a webhook's URL as `to`, unless it is no longer `from` (sealed meanwhile): whether it did. */
  async replaceWebhookUrl(id: string, from: string, to: string): Promise<boolean> {
    const { count } = await this.db.prisma.alertWebhook.updateMany({
      where: { id, url: from },
      data: { url: to },
    });
    return count === 1;
  }

  /** One webhook by id, whatever its organization (a delivery being resumed names it). */
  findWebhook(id: string): Promise<AlertWebhookRecord | null> {
    return this.db.prisma.alertWebhook.findUnique({ where: { id } });
  }

  /** QUOTA_EXCEEDED when the organization has `max` webhooks already (0: no limit). */
  createWebhook(
    webhook: {
      organizationId: string;
      applicationId: string | null;
      url: string;
      format: AlertWebhookFormat;
      secretPrefix: string;
      secretEncrypted: string;
    },
    max: number,
  ): Promise<AlertWebhookRecord | typeof QUOTA_EXCEEDED> {
    const { organizationId } = webhook;
    return createWithinQuota(this.db, {
      organizationId,
      max,
      count: (tx) => tx.alertWebhook.count({ where: { organizationId } }),
      create: (tx) => tx.alertWebhook.create({ data: webhook }),
    });
  }

  async deleteWebhook(
    organizationId: string,
    applicationId: string | null,
    id: string,
  ): Promise<boolean> {
    const { count } = await this.db.prisma.alertWebhook.deleteMany({
      where: { id, organizationId, applicationId },
    });
    return count > 0;
  }

  createDelivery({ lease, ...delivery }: NewAlertDelivery): Promise<AlertDeliveryRecord> {
    return this.db.prisma.alertDelivery.create({
      data: { ...delivery, status: 'PENDING', leaseOwner: lease?.owner, leaseUntil: lease?.until },
    });
  }

  /**
   * Appends an attempt and sets the status (the log is the row's `attempts`); a delivery still
   * PENDING stays leased until `leaseUntil` (its next attempt, and some), a finished one is not.
   */
  async recordAttempt(
    id: string,
    attempt: AlertDeliveryAttempt,
    status: AlertDeliveryStatus,
    leaseUntil: Date | null = null,
  ): Promise<void> {
    await this.db.prisma.$executeRaw`
      UPDATE alert_deliveries
      SET attempts = attempts || ${JSON.stringify([attempt])}::jsonb, status = ${status},
          lease_until = ${leaseUntil}::timestamptz
      WHERE id = ${id}::uuid`;
  }

  /**
   * Deletes the rule moves and the finished deliveries older than `cutoff` (see
   * AlertHistoryService); a PENDING one too when nothing will ever finish it: to an executor
   * (sent once, never resumed: its process stopped mid-send) or from before leases.
   */
  async deleteHistoryBefore(cutoff: Date): Promise<{ events: number; deliveries: number }> {
    const events = await this.db.prisma.alertEvent.deleteMany({ where: { at: { lt: cutoff } } });
    const deliveries = await this.db.prisma.alertDelivery.deleteMany({
      where: {
        createdAt: { lt: cutoff },
        OR: [{ status: { not: 'PENDING' } }, { channel: 'executor' }, { leaseUntil: null }],
      },
    });
    return { events: events.count, deliveries: deliveries.count };
  }

  /** Marks a PENDING delivery leased to `owner` FAILED (no attempt left); false when it is not. */
  async giveUp(id: string, owner: string): Promise<boolean> {
    const changed = await this.db.prisma.$executeRaw`
      UPDATE alert_deliveries SET status = 'FAILED', lease_until = NULL
      WHERE id = ${id}::uuid AND status = 'PENDING' AND lease_owner = ${owner}`;
    return changed === 1;
  }

  /** Extends `lease` before an attempt; false when the delivery is no longer its owner's. */
  async renewLease(id: string, lease: DeliveryLease): Promise<boolean> {
    const changed = await this.db.prisma.$executeRaw`
      UPDATE alert_deliveries SET lease_until = ${lease.until}::timestamptz
      WHERE id = ${id}::uuid AND status = 'PENDING' AND lease_owner = ${lease.owner}`;
    return changed === 1;
  }

  /**
   * Claims up to `limit` PENDING webhook deliveries whose lease ran out before `now` (their
   * process stopped or died), each for exactly one caller however many race (row locks).
   * Deliveries made before leases existed have none and are left alone.
   */
  async claimAbandoned(lease: DeliveryLease, now: Date, limit: number): Promise<ClaimedDelivery[]> {
    const rows = await this.db.prisma.$queryRaw<
      { id: string; webhook_id: string | null; body: string | null; attempt_count: number }[]
    >`
      UPDATE alert_deliveries SET lease_owner = ${lease.owner}, lease_until = ${lease.until}::timestamptz
      WHERE id IN (
        SELECT id FROM alert_deliveries
        WHERE status = 'PENDING' AND channel = 'webhook' AND lease_until < ${now}::timestamptz
        ORDER BY lease_until LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id::text, webhook_id::text, body, jsonb_array_length(attempts)::int AS attempt_count`;
    return rows.map((row) => ({
      id: row.id,
      webhookId: row.webhook_id,
      body: row.body,
      attemptCount: row.attempt_count,
    }));
  }

  findDeliveries(
    organizationId: string,
    applicationId: string,
    limit: number,
  ): Promise<AlertDeliveryRecord[]> {
    return this.db.prisma.alertDelivery.findMany({
      where: { organizationId, applicationId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }
}
