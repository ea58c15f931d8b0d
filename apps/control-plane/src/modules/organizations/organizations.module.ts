import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { DomainClaimsController } from './domain-claims/domain-claims.controller';
import { DomainClaimsRepository } from './domain-claims/domain-claims.repository';
import { DomainClaimsService } from './domain-claims/domain-claims.service';
import { JoinSecretsController } from './join-secrets/join-secrets.controller';
import { JoinSecretsRepository } from './join-secrets/join-secrets.repository';
import { JoinSecretsService } from './join-secrets/join-secrets.service';
import { MembersController } from './members/members.controller';
import { MembersRepository } from './members/members.repository';
import { MembersService } from './members/members.service';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';
import { RolesController } from './roles/roles.controller';
import { RolesRepository } from './roles/roles.repository';
import { RolesService } from './roles/roles.service';

/** Organizations, their members and roles, join secrets and domain claims. */
@Module({
  imports: [ApiKeysModule],
  controllers: [
    OrganizationsController,
    MembersController,
    RolesController,
    JoinSecretsController,
    DomainClaimsController,
  ],
  providers: [
    OrganizationsRepository,
    OrganizationsService,
    MembersRepository,
    MembersService,
    RolesRepository,
    RolesService,
    JoinSecretsRepository,
    JoinSecretsService,
    DomainClaimsRepository,
    DomainClaimsService,
  ],
  exports: [OrganizationsService, JoinSecretsService, DomainClaimsService],
})
export class OrganizationsModule {}
