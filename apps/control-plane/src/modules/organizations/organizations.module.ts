import { Module } from '@nestjs/common';
import { JoinController, JoinSecretsController } from './join-secrets/join-secrets.controller';
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
  controllers: [OrganizationsController, MembersController, JoinSecretsController, JoinController],
  providers: [
    OrganizationsRepository,
    OrganizationsService,
    MembersRepository,
    MembersService,
    JoinSecretsRepository,
    JoinSecretsService,
  ],
  exports: [OrganizationsRepository, JoinSecretsService],
})
export class OrganizationsModule {}
