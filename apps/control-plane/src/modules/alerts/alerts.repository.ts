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
  readonly organizationId: string;
  readonly applicationId: string;
  readonly ruleId: string;
  readonly ruleType: string;
  readonly event: AlertEvent;
  readonly channel: 'webhook' | 'executor';
  readonly webhookId: string | null;
  readonly target: string;
  readonly message: string;
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

  findRules(organizationId: string, applicationId: string): Promise<AlertRuleRecord[]> {
    return this.db.prisma.alertRule.findMany({
      where: { organizationId, applicationId },
      orderBy: { createdAt: 'asc' },
    });
  }

  createRule(rule: NewAlertRule): Promise<AlertRuleRecord> {
    return this.db.prisma.alertRule.create({
      data: { ...rule, ruleMetadata: rule.ruleMetadata as Prisma.InputJsonObject },
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
   */
  async changeState(
    id: string,
    from: AlertState,
    to: AlertState,
    at: Date,
    fired: boolean,
  ): Promise<boolean> {
    const { count } = await this.db.prisma.alertRule.updateMany({
      where: { id, state: from },
      data: { state: to, stateChangedAt: at, ...(fired && { lastFiredAt: at }) },
    });
    return count > 0;
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

  createWebhook(webhook: {
    organizationId: string;
    applicationId: string | null;
    url: string;
    format: AlertWebhookFormat;
    secretPrefix: string;
    secretEncrypted: string;
  }): Promise<AlertWebhookRecord> {
    return this.db.prisma.alertWebhook.create({ data: webhook });
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

  createDelivery(delivery: NewAlertDelivery): Promise<AlertDeliveryRecord> {
    return this.db.prisma.alertDelivery.create({
      data: { ...delivery, status: 'PENDING' },
    });
  }

  /** Appends an attempt and sets the status (the log is the row's `attempts`). */
  async recordAttempt(
    id: string,
    attempt: AlertDeliveryAttempt,
    status: AlertDeliveryStatus,
  ): Promise<void> {
    await this.db.prisma.$executeRaw`
      UPDATE alert_deliveries
      SET attempts = attempts || ${JSON.stringify([attempt])}::jsonb, status = ${status}
      WHERE id = ${id}::uuid`;
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
