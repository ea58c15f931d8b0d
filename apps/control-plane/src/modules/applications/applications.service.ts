import { Inject, Injectable } from '@nestjs/common';
import {
  APPLICATION_NAME_RULE,
  AppError,
  ApplicationNameSchema,
  type Application,
  type ApplicationSettingsChange,
  type CreateApplicationRequest,
  type PaginationQuery,
  type RegisterApplicationRequest,
  type Paginated,
} from '@podium/protocol';
import { applicationScopeOf } from '../../common/auth/principal';
import type { OrgScope } from '../../common/auth/request-context';
import { quotaExceeded } from '../../common/errors/quota-exceeded';
import { toCountedPage } from '../../common/pagination/counted-page';
import { CONFIG, type Config } from '../../config/config';
import { QUOTA_EXCEEDED } from '../../infra/database/organization-quota';
import { EventBus } from '../../infra/events/event-bus';
import { AlertRulesService } from '../alerts/alert-rules.service';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { NO_FLEET } from '../executors/application-fleet';
import { ExecutorsService } from '../executors/executors.service';
import { AUDIT_ACTIONS, auditedAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { mapApplication, toStoredSettings } from './applications.dto';
import type { ApplicationRecord } from '../../common/auth/tenancy';
import { RetentionPusher } from '../retention/retention-pusher';
import { type ApplicationSettings, ApplicationsRepository } from './applications.repository';
import { settingChanges } from './settings-changes';

/** Applications are addressed (and audited) by name: the name executors connect with. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly apiKeys: ApiKeysService,
    private readonly executors: ExecutorsService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly retention: RetentionPusher,
    private readonly alertRules: AlertRulesService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  createApplication(scope: OrgScope, input: CreateApplicationRequest): Promise<Application> {
    const { name, ...settings } = input;
    const action = auditedAction(scope, AUDIT_ACTIONS.applicationCreate, name, settings);
    return this.audit.track(action, async () => {
      const created = await this.tryCreate(scope, name, toStoredSettings(settings));
      if (!created) {
        throw new AppError(
          'CONFLICT',
          `"${scope.organization.name}" already has an application named "${name}".`,
        );
      }
      return mapApplication(created, NO_FLEET);
    });
  }

  async findApplications(scope: OrgScope, page: PaginationQuery): Promise<Paginated<Application>> {
    // A scoped key lists only its applications, as it reaches only those.
    const { items, total } = await this.applications.findPage(
      scope.organization.id,
      page,
      applicationScopeOf(scope.principal),
    );
    const fleets = await this.executors.findFleets(
      scope.organization.id,
      items.map((a) => a.id),
    );
    const mapped = items.map((a) => mapApplication(a, fleets.get(a.id) ?? NO_FLEET));
    return toCountedPage(mapped, total, page);
  }

  /** Read afresh: the access guard's record may be a moment old (TenantDirectory). */
  async getApplication(scope: OrgScope, application: ApplicationRecord): Promise<Application> {
    const current = await this.applications.findOneById(scope.organization.id, application.id);
    if (!current) throw notFound(scope, application.name);
    const fleets = await this.executors.findFleets(scope.organization.id, [current.id]);
    return mapApplication(current, fleets.get(current.id) ?? NO_FLEET);
  }

  /**
   * DBOS `PUT .../apps/{app}` for a name not taken (the controller answers an existing one
   * with no change and no audit entry): registers it, `privateMode` included.
   */
  async registerApplication(
    scope: OrgScope,
    name: string,
    input: RegisterApplicationRequest,
  ): Promise<void> {
    if (!ApplicationNameSchema.safeParse(name).success) {
      throw AppError.validation([
        {
          path: 'app',
          location: 'path.app',
          message: `must be ${APPLICATION_NAME_RULE}`,
          value: name,
        },
      ]);
    }
    const settings = { privateMode: input.privateMode ?? false };
    const action = auditedAction(scope, AUDIT_ACTIONS.applicationCreate, name, settings);
    try {
      await this.audit.track(action, async () => {
        const created = await this.tryCreate(scope, name, settings);
        // Its transaction is spoilt by the unique violation: leave it (audited as a FAILURE).
        if (!created) throw new AppError('CONFLICT', `"${name}" was registered meanwhile.`);
      });
    } catch (error) {
      // A concurrent PUT won the race: the application is registered all the same.
      if (!(AppError.is(error) && error.code === 'CONFLICT')) throw error;
    }
  }

  /**
   * DBOS `PATCH .../apps/{app}`: changes the settings named (a null threshold clears it),
   * audits each change from its old value to its new one, then pushes the retention settings
   * to an executor at once (in the background: the outcome shows on the application).
   */
  async updateApplication(
    scope: OrgScope,
    application: ApplicationRecord,
    changes: ApplicationSettingsChange,
  ): Promise<void> {
    const action = auditedAction(scope, AUDIT_ACTIONS.applicationUpdate, application.name);
    let before: Application | undefined;
    const updated = await this.audit.track(
      action,
      async () => {
        const { id, organizationId } = application;
        const current = await this.applications.findOneById(organizationId, id);
        const record =
          current &&
          (await this.applications.update(organizationId, id, toStoredSettings(changes)));
        if (!current || !record) throw notFound(scope, application.name);
        before = mapApplication(current, NO_FLEET);
        this.events.emit('application.updated', { organizationId, applicationId: id });
        return record;
      },
      (record) => ({
        details: {
          changes: before ? settingChanges(changes, before, mapApplication(record, NO_FLEET)) : {},
        },
      }),
    );
    // In the background (it never throws): the outcome shows as `lastRetentionPush`.
    void this.retention.push(updated, 'settings-change');
  }

  /**
   * Deletes the application. Keys scoped to it alone are revoked first, in the same transaction
   * and under the organization's key lock (two of a key's applications deleted at once must not
   * leave it scoped to none): with their last scope gone they would otherwise reach every
   * application of the organization. Then its executors'
   * links close (`application.deleted`): they would otherwise serve a deleted app until they drop.
   * Other applications' alerting rules that sent their alerts to it are kept, their receiver
   * back to their own application.
   */
  deleteApplication(scope: OrgScope, application: ApplicationRecord): Promise<void> {
    let revokedApiKeyIds: string[] = [];
    let alertRulesReceivingOwnAlerts: string[] = [];
    const action = auditedAction(scope, AUDIT_ACTIONS.applicationDelete, application.name);
    return this.audit.track(
      action,
      async () => {
        revokedApiKeyIds = await this.apiKeys.revokeKeysScopedOnlyTo(
          scope.organization.id,
          application.id,
        );
        alertRulesReceivingOwnAlerts = await this.alertRules.keepRulesReceivedBy(
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
      () => ({
        details: {
          revokedApiKeyIds,
          ...(alertRulesReceivingOwnAlerts.length > 0 && { alertRulesReceivingOwnAlerts }),
        },
      }),
    );
  }

  /** Null when the name is taken; refused past the organization's quota of applications. */
  private async tryCreate(
    scope: OrgScope,
    name: string,
    settings: ApplicationSettings,
  ): Promise<ApplicationRecord | null> {
    const max = this.config.quotas.applicationsPerOrg;
    const created = await this.applications.tryCreate(scope.organization.id, name, settings, max);
    if (created === QUOTA_EXCEEDED) throw quotaExceeded('applications', max);
    return created;
  }
}

function notFound(scope: OrgScope, name: string): AppError {
  return new AppError(
    'NOT_FOUND',
    `No application named "${name}" in "${scope.organization.name}".`,
  );
}
