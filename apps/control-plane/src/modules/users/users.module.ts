import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PasswordHasher } from './password-hasher';
import { SignUpService } from './sign-up.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [AccountsModule, OrganizationsModule],
  controllers: [UsersController],
  providers: [
    UsersRepository,
    UsersService,
    SignUpService,
    { provide: PasswordHasher, useFactory: () => new PasswordHasher() },
  ],
  exports: [UsersService],
})
export class UsersModule {}
