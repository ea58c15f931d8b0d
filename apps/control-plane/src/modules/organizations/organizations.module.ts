import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { JoinSecretsController } from './join-secrets/join-secrets.controller';
import { JoinSecretsRepository } from './join-secrets/join-secrets.repository';
import { JoinSecretsService } from './join-secrets/join-secrets.service';
import { MembersController } from './members/members.controller';
import { MembersRepository } from './members/members.repository';
import { MembersService } from './members/members.service';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';

/** Organizations, their members and roles, and join secrets. */
@Module({
  imports: [ApiKeysModule],
  controllers: [OrganizationsController, MembersController, JoinSecretsController],
  providers: [
    OrganizationsRepository,
    OrganizationsService,
    MembersRepository,
    MembersService,
    JoinSecretsRepository,
    JoinSecretsService,
  ],
  exports: [OrganizationsService, JoinSecretsService],
})
export class OrganizationsModule {}
