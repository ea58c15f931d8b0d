import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PasswordHasher } from './password-hasher';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [AccountsModule, OrganizationsModule],
  controllers: [UsersController],
  providers: [
    UsersRepository,
    UsersService,
    { provide: PasswordHasher, useFactory: () => new PasswordHasher() },
  ],
  exports: [UsersRepository, PasswordHasher],
})
export class UsersModule {}
