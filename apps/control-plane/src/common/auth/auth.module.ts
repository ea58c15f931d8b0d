import { TenantDirectory } from './tenant-directory';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from '../../modules/api-keys/api-keys.module';
import { ApplicationRecordsModule } from '../../modules/applications/application-records.module';
import { OrganizationsModule } from '../../modules/organizations/organizations.module';
import { SessionsModule } from '../../modules/sessions/sessions.module';
import { AuthenticationGuard } from './authentication.guard';
import { OrgAccessGuard } from './org-access.guard';
import { RoutePolicies } from './route-policy';

/** Installs the global guards, in order: who is calling, then what they may do here. */
@Module({
  imports: [ApiKeysModule, SessionsModule, OrganizationsModule, ApplicationRecordsModule],
  providers: [
    TenantDirectory,
    RoutePolicies,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: OrgAccessGuard },
  ],
})
export class AuthModule {}
