import type { Application } from '@podium/protocol';
import type { ApplicationRecord } from '../../common/auth/tenancy';

export function mapApplication(application: ApplicationRecord): Application {
  return {
    id: application.id,
    name: application.name,
    description: application.description,
    executorGracePeriodSeconds: application.executorGracePeriodSeconds,
    createdAt: application.createdAt.toISOString(),
    updatedAt: application.updatedAt.toISOString(),
  };
}
