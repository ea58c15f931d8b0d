import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from '../../modules/api-keys/api-keys.module';
import { ApplicationsModule } from '../../modules/applications/applications.module';
import { OrganizationsModule } from '../../modules/organizations/organizations.module';
import { AuthenticationGuard } from './authentication.guard';
import { OrgAccessGuard } from './org-access.guard';

/** Installs the global guards, in order: who is calling, then what they may do here. */
@Module({
  imports: [ApiKeysModule, OrganizationsModule, ApplicationsModule],
  providers: [
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: OrgAccessGuard },
  ],
})
export class AuthModule {}
