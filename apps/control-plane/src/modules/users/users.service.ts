import { Injectable } from '@nestjs/common';
import {
  AppError,
  type CurrentUserResponse,
  type RegisterUserRequest,
  type User,
} from '@podium/protocol';
import { AuthAttemptLimiter } from '../accounts/auth-attempt-limiter';
import type { ClientInfo } from '../accounts/client-info';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { PasswordHasher } from './password-hasher';
import { mapCurrentUser, mapUser } from './users.dto';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: AuthAttemptLimiter,
  ) {}

  /** Creates the account only: no organization, no session (sign in next). */
  async registerUser(input: RegisterUserRequest, client: ClientInfo): Promise<User> {
    this.limiter.beginSignUp(client.ip);
    const passwordHash = await this.hasher.hash(input.password);
    const user = await this.users.create({
      email: input.email,
      displayName: input.displayName,
      passwordHash,
    });
    if (!user) {
      throw new AppError('CONFLICT', 'An account with this email already exists; sign in instead.');
    }
    return mapUser(user);
  }

  async getCurrentUser(userId: string): Promise<CurrentUserResponse> {
    const user = await this.users.findById(userId);
    // The session outlived its user (deleted meanwhile): treat it as signed out.
    if (!user) throw new AppError('UNAUTHENTICATED', 'This account no longer exists.');
    const { items: memberships } = await this.organizations.findMembershipsOfUser(userId);
    return mapCurrentUser(
      user,
      memberships.map(({ organization, role }) => ({
        id: organization.id,
        name: organization.name,
        displayName: organization.displayName,
        role,
      })),
    );
  }
}
