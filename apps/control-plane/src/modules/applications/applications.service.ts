import { Injectable } from '@nestjs/common';
import {
  AppError,
  type Application,
  type CreateApplicationRequest,
  type ListApplicationsResponse,
  type PaginationQuery,
  type UpdateApplicationRequest,
} from '@podium/protocol';
import type { OrgScope } from '../../common/auth/request-context';
import { toCountedPage } from '../../common/pagination/counted-page';
import { EventBus } from '../../infra/events/event-bus';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { AUDIT_ACTIONS, auditedAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { mapApplication } from './applications.dto';
import type { ApplicationRecord } from '../../common/auth/tenancy';
import { ApplicationsRepository } from './applications.repository';

/** Applications are addressed (and audited) by name: the name executors connect with. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  createApplication(scope: OrgScope, input: CreateApplicationRequest): Promise<Application> {
    const { name, ...settings } = input;
    const action = auditedAction(scope, AUDIT_ACTIONS.applicationCreate, name, settings);
    return this.audit.track(action, async () => {
      const created = await this.applications.tryCreate(scope.organization.id, name, settings);
      if (!created) {
        throw new AppError(
          'CONFLICT',
          `"${scope.organization.name}" already has an application named "${name}".`,
        );
      }
      return mapApplication(created);
    });
  }

  async findApplications(
    scope: OrgScope,
    page: PaginationQuery,
  ): Promise<ListApplicationsResponse> {
    const { items, total } = await this.applications.findPage(scope.organization.id, page);
    return toCountedPage(items.map(mapApplication), total, page);
  }

  getApplication(application: ApplicationRecord): Application {
    return mapApplication(application);
  }

  updateApplication(
    scope: OrgScope,
    application: ApplicationRecord,
    changes: UpdateApplicationRequest,
  ): Promise<Application> {
    const action = auditedAction(scope, AUDIT_ACTIONS.applicationUpdate, application.name, changes);
    return this.audit.track(action, async () => {
      const updated = await this.applications.update(
        scope.organization.id,
        application.id,
        changes,
      );
      if (!updated) throw notFound(scope, application.name);
      return mapApplication(updated);
    });
  }

  /**
   * Deletes the application. Keys scoped to it alone are revoked first: with their last scope
   * gone they would otherwise reach every application of the organization. Then its executors'
   * links close (`application.deleted`): they would otherwise serve a deleted app until they drop.
   */
  deleteApplication(scope: OrgScope, application: ApplicationRecord): Promise<void> {
    let revokedApiKeyIds: string[] = [];
    const action = auditedAction(scope, AUDIT_ACTIONS.applicationDelete, application.name);
    return this.audit.track(
      action,
      async () => {
        revokedApiKeyIds = await this.apiKeys.revokeKeysScopedOnlyTo(
          scope.organization.id,
          application.id,
        );
        const deleted = await this.applications.delete(scope.organization.id, application.id);
        if (!deleted) throw notFound(scope, application.name);
        this.events.emit('application.deleted', {
          organizationId: scope.organization.id,
          applicationId: application.id,
        });
      },
      () => ({ details: { revokedApiKeyIds } }),
    );
  }
}

function notFound(scope: OrgScope, name: string): AppError {
  return new AppError(
    'NOT_FOUND',
    `No application named "${name}" in "${scope.organization.name}".`,
  );
}
