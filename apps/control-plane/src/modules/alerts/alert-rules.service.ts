import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  parseAlertRuleMetadata,
  type AlertingRule,
  type AlertRuleType,
  type CreateAlertingRuleRequest,
  type ListAlertingRulesResponse,
  type UpdateAlertingRuleRequest,
} from '@podium/protocol';
import type { AppScope } from '../../common/auth/app-scope';
import { applicationScopeOf } from '../../common/auth/principal';
import type { ApplicationRecord } from '../../common/auth/tenancy';
import type { OrgScope } from '../../common/auth/request-context';
import { quotaExceeded } from '../../common/errors/quota-exceeded';
import { CONFIG, type Config } from '../../config/config';
import { QUOTA_EXCEEDED } from '../../infra/database/organization-quota';
import { scopeIncludes } from '../api-keys/application-scope';
import { ApplicationRecordsService } from '../applications/application-records.service';
import { auditedAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { ALERT_ACTIONS } from './alert-actions';
import { mapAlertingRule } from './alert.mapper';
import { AlertsRepository } from './alerts.repository';

/** An application's alerting rules (DBOS Conductor's operations: list, create, delete). */
@Injectable()
export class AlertRulesService {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly applications: ApplicationRecordsService,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /**
   * Before `applicationId` is deleted (in its transaction): other applications' rules that
   * named it as their receiver send their alerts to their own application from now on, rather
   * than vanishing with it. Returns their ids, for the deletion's audit entry.
   */
  keepRulesReceivedBy(organizationId: string, applicationId: string): Promise<string[]> {
    return this.alerts.receiveOwnAlertsInsteadOf(organizationId, applicationId);
  }

  async findRules(scope: AppScope): Promise<ListAlertingRulesResponse> {
    const rules = await this.alerts.findRules(scope.organizationId, scope.applicationId);
    return rules.map(mapAlertingRule);
  }

  createRule(
    scope: OrgScope,
    application: ApplicationRecord,
    request: CreateAlertingRuleRequest,
  ): Promise<AlertingRule> {
    const { ruleType, receivingAppName, minIntervalSecs } = request;
    const action = auditedAction(scope, ALERT_ACTIONS.ruleCreate, null, {
      applicationName: application.name,
      ruleType,
      receivingAppName: receivingAppName ?? application.name,
    });
    return this.audit.track(
      action,
      async () => {
        const receiver = receivingAppName
          ? await this.receiverNamed(scope, receivingAppName)
          : application;
        const max = this.config.quotas.alertRulesPerOrg;
        const created = await this.alerts.createRule(
          {
            organizationId: scope.organization.id,
            applicationId: application.id,
            receivingApplicationId: receiver.id,
            ruleType,
            // The request schema checked them already; this adds the defaults.
            ruleMetadata: parametersOf(ruleType, request.ruleMetadata),
            minIntervalSecs: minIntervalSecs ?? null,
          },
          max,
        );
        if (created === QUOTA_EXCEEDED) throw quotaExceeded('alerting rules', max);
        return mapAlertingRule(created);
      },
      (rule) => ({ targetId: rule.id }),
    );
  }

  updateRule(
    scope: OrgScope,
    application: ApplicationRecord,
    ruleId: string,
    changes: UpdateAlertingRuleRequest,
  ): Promise<AlertingRule> {
    const { receivingAppName, minIntervalSecs, ruleMetadata } = changes;
    const action = auditedAction(scope, ALERT_ACTIONS.ruleUpdate, ruleId, {
      applicationName: application.name,
      ...changes,
    });
    return this.audit.track(action, async () => {
      const rule = await this.alerts.findRule(scope.organization.id, application.id, ruleId);
      if (!rule) throw ruleNotFound(application, ruleId);
      const receiver = receivingAppName && (await this.receiverNamed(scope, receivingAppName));
      const updated = await this.alerts.updateRule(scope.organization.id, application.id, ruleId, {
        ruleMetadata: ruleMetadata && parametersOf(rule.ruleType as AlertRuleType, ruleMetadata),
        receivingApplicationId: receiver ? receiver.id : undefined,
        minIntervalSecs,
      });
      if (!updated) throw ruleNotFound(application, ruleId);
      return mapAlertingRule(updated);
    });
  }

  deleteRule(scope: OrgScope, application: ApplicationRecord, ruleId: string): Promise<void> {
    const action = auditedAction(scope, ALERT_ACTIONS.ruleDelete, ruleId, {
      applicationName: application.name,
    });
    return this.audit.track(action, async () => {
      const deleted = await this.alerts.deleteRule(scope.organization.id, application.id, ruleId);
      if (!deleted) throw ruleNotFound(application, ruleId);
    });
  }

  /**
   * Outside a scoped key's applications is answered like a missing app: the key can neither
   * alert an application it was not given nor probe which names exist.
   */
  private async receiverNamed(scope: OrgScope, name: string): Promise<ApplicationRecord> {
    const receiver = await this.applications.findOneByName(scope.organization.id, name);
    if (!receiver || !scopeIncludes(applicationScopeOf(scope.principal), receiver.id)) {
      throw new AppError(
        'NOT_FOUND',
        `No application named "${name}" in "${scope.organization.name}" to receive the alerts.`,
      );
    }
    return receiver;
  }
}

/** The type's parameters with its defaults, or a 422 naming what is wrong. */
function parametersOf(type: AlertRuleType, metadata: unknown): Record<string, unknown> {
  const parsed = parseAlertRuleMetadata(type, metadata);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || 'ruleMetadata'}: ${i.message}`,
    );
    throw new AppError('VALIDATION_FAILED', `Parameters of a ${type} rule: ${problems.join('; ')}`);
  }
  return parsed.data;
}

function ruleNotFound(application: ApplicationRecord, ruleId: string): AppError {
  return new AppError('NOT_FOUND', `No alerting rule "${ruleId}" in "${application.name}".`);
}
