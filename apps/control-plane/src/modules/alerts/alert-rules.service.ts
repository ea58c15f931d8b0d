import { Injectable } from '@nestjs/common';
import {
  AppError,
  parseAlertRuleMetadata,
  type AlertingRule,
  type CreateAlertingRuleRequest,
  type ListAlertingRulesResponse,
} from '@podium/protocol';
import type { AppScope } from '../../common/auth/app-scope';
import type { ApplicationRecord } from '../../common/auth/tenancy';
import type { OrgScope } from '../../common/auth/request-context';
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
  ) {}

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
          ? await this.applications.findOneByName(scope.organization.id, receivingAppName)
          : application;
        if (!receiver) {
          throw new AppError(
            'NOT_FOUND',
            `No application named "${receivingAppName}" in "${scope.organization.name}" to receive the alerts.`,
          );
        }
        const metadata = parseAlertRuleMetadata(ruleType, request.ruleMetadata);
        // The request schema checked it already; this adds the defaults.
        if (!metadata.success) throw new AppError('VALIDATION_FAILED', metadata.error.message);
        const created = await this.alerts.createRule({
          organizationId: scope.organization.id,
          applicationId: application.id,
          receivingApplicationId: receiver.id,
          ruleType,
          ruleMetadata: metadata.data,
          minIntervalSecs: minIntervalSecs ?? null,
        });
        return mapAlertingRule(created);
      },
      (rule) => ({ targetId: rule.id }),
    );
  }

  deleteRule(scope: OrgScope, application: ApplicationRecord, ruleId: string): Promise<void> {
    const action = auditedAction(scope, ALERT_ACTIONS.ruleDelete, ruleId, {
      applicationName: application.name,
    });
    return this.audit.track(action, async () => {
      const deleted = await this.alerts.deleteRule(scope.organization.id, application.id, ruleId);
      if (!deleted) {
        throw new AppError('NOT_FOUND', `No alerting rule "${ruleId}" in "${application.name}".`);
      }
    });
  }
}
