import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ApplicationRecord, OrganizationRecord } from '../../common/auth/tenancy';
import { TtlCache } from '../../common/cache/ttl-cache';
import { EventBus } from '../../infra/events/event-bus';
import { ApplicationRecordsService } from '../applications/application-records.service';
import { OrganizationsService } from '../organizations/organizations.service';

/**
 * Organizations and applications by the names in request paths, for the access
 * guard, which resolves them on every request. Answers may be up to
 * 2 × RESOLUTION_TTL_MS old (the proxy benchmark showed these lookups as half the
 * control plane's CPU per command); a deleted or changed application is forgotten at once.
 * Misses are not cached (a new organization resolves at once), nor are roles.
 */
export const RESOLUTION_TTL_MS = 1_000;

@Injectable()
export class TenantDirectory implements OnModuleDestroy {
  private readonly organizationsByName = new TtlCache<string, OrganizationRecord>(
    RESOLUTION_TTL_MS,
  );
  private readonly applicationsByName = new TtlCache<string, ApplicationRecord>(RESOLUTION_TTL_MS);
  private readonly unsubscribers: Array<() => void>;

  constructor(
    private readonly organizations: OrganizationsService,
    private readonly applications: ApplicationRecordsService,
    events: EventBus,
  ) {
    const forget = ({ applicationId }: { applicationId: string }) =>
      this.applicationsByName.deleteWhere((app) => app.id === applicationId);
    // Settings changes too: the next request reads them (e.g. the executor timeout, privateMode).
    this.unsubscribers = [
      events.on('application.deleted', forget),
      events.on('application.updated', forget),
      // A renamed organization's old name must stop resolving at once.
      events.on('organization.updated', ({ organizationId }) =>
        this.organizationsByName.deleteWhere((org) => org.id === organizationId),
      ),
    ];
  }

  onModuleDestroy() {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  findOneOrganizationByName(name: string): Promise<OrganizationRecord | null> {
    return this.organizationsByName.getOrLoad(name, () => this.organizations.findOneByName(name));
  }

  findOneApplicationByName(
    organizationId: string,
    name: string,
  ): Promise<ApplicationRecord | null> {
    return this.applicationsByName.getOrLoad(`${organizationId}/${name}`, () =>
      this.applications.findOneByName(organizationId, name),
    );
  }
}
