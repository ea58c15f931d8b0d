import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { ApplicationRecordsModule } from '../applications/application-records.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AuthenticationGuard } from './authentication.guard';
import { OrgAccessGuard } from './org-access.guard';
import { RoutePolicies } from './route-policy';
import { TenantDirectory } from './tenant-directory';

/**
 * Installs the global guards, in order: who is calling, then what they may do here. They ask
 * the services of API keys, sessions, organizations, applications and audit; the vocabulary
 * they leave in the request context (principal, scope) is `common/auth`'s.
 */
@Module({
  imports: [ApiKeysModule, SessionsModule, OrganizationsModule, ApplicationRecordsModule],
  providers: [
    TenantDirectory,
    RoutePolicies,
    // Also a provider of its own: bootstrap runs its check before large bodies are read.
    AuthenticationGuard,
    { provide: APP_GUARD, useExisting: AuthenticationGuard },
    { provide: APP_GUARD, useClass: OrgAccessGuard },
  ],
})
export class AuthModule {}
