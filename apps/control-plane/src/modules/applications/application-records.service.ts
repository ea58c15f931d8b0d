import { Injectable } from '@nestjs/common';
import type { ApplicationRecord } from '../../common/auth/tenancy';
import { ApplicationsRepository } from './applications.repository';
import type { RetentionPushRecord } from './retention-push-record';

/**
 * Applications looked up by id or name: what the rest of the control plane (the access guard,
 * API keys, live streams) asks of the applications module. Apart from ApplicationsService,
 * which needs ApiKeysService, which needs these lookups.
 */
@Injectable()
export class ApplicationRecordsService {
  constructor(private readonly applications: ApplicationsRepository) {}

  /** Null when the organization has no such application. */
  findOneById(organizationId: string, id: string): Promise<ApplicationRecord | null> {
    return this.applications.findOneById(organizationId, id);
  }

  /** Null when the organization has no application of that name. */
  findOneByName(organizationId: string, name: string): Promise<ApplicationRecord | null> {
    return this.applications.findOneByName(organizationId, name);
  }

  /** Every application of the organization, by name. */
  findAll(organizationId: string): Promise<ApplicationRecord[]> {
    return this.applications.findAll(organizationId);
  }

  /** Those of the names that exist, in no particular order. */
  findByNames(organizationId: string, names: readonly string[]): Promise<ApplicationRecord[]> {
    return this.applications.findByNames(organizationId, names);
  }

  /**
   * Whether the application is in private (metadata-only) mode: its workflows' inputs, outputs
   * and events must not be fetched or kept by the control plane. False when it does not exist.
   */
  async isPrivateMode(organizationId: string, id: string): Promise<boolean> {
    return (await this.applications.findOneById(organizationId, id))?.privateMode ?? false;
  }

  /** Applications of every organization with a retention threshold set (retention pushes). */
  findWithRetention(): Promise<ApplicationRecord[]> {
    return this.applications.findWithRetention();
  }

  recordRetentionPush(id: string, push: RetentionPushRecord): Promise<void> {
    return this.applications.recordRetentionPush(id, push);
  }
}
