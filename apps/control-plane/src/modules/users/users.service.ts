import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  type CurrentUserResponse,
  type RegisterUserRequest,
  type User,
} from '@podium/protocol';
import { CONFIG, type Config } from '../../config/config';
import { AuthAttemptLimiter } from '../accounts/auth-attempt-limiter';
import type { ClientInfo } from '../accounts/client-info';
import { JoinSecretsService } from '../organizations/join-secrets/join-secrets.service';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { PasswordHasher } from './password-hasher';
import { mapCurrentUser, mapUser } from './users.dto';
import { type Admission, UsersRepository } from './users.repository';

const INVITATION_REQUIRED =
  'Sign-up on this installation is by invitation: enter the join secret an administrator gave you.';
const INVITATION_UNUSABLE =
  'This invitation (join secret) is unknown, expired, revoked or used up; ask for a new one.';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly joinSecrets: JoinSecretsService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: AuthAttemptLimiter,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /**
   * Creates the account (no session: sign in next), and with a join secret the membership it
   * grants. A taken email costs the same password hashing and insert attempt as a new one, so
   * timing does not tell them apart.
   */
  async registerUser(
    input: RegisterUserRequest,
    client: ClientInfo,
    now = new Date(),
  ): Promise<User> {
    this.limiter.beginSignUp(client.ip);
    const admission = await this.admissionOf(input.joinSecret, now);
    const passwordHash = await this.hasher.hash(input.password);
    const created = await this.users.create(
      { email: input.email, displayName: input.displayName, passwordHash },
      admission,
      now,
    );
    if (created === 'email_taken') {
      throw new AppError('CONFLICT', 'An account with this email already exists; sign in instead.');
    }
    if (created === 'not_first') throw new AppError('FORBIDDEN', INVITATION_REQUIRED);
    if (created === 'invitation_unusable') throw new AppError('FORBIDDEN', INVITATION_UNUSABLE);
    if (admission.kind === 'invited') {
      await this.joinSecrets.recordJoinAtSignUp(admission.joinSecret, created.id);
    }
    return mapUser(created);
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

  /** An invitation if one came (it must be usable), else what the installation's mode allows. */
  private async admissionOf(joinSecret: string | undefined, now: Date): Promise<Admission> {
    if (joinSecret) {
      const record = await this.joinSecrets.findUsableBySecret(joinSecret, now);
      if (!record) throw new AppError('FORBIDDEN', INVITATION_UNUSABLE);
      return { kind: 'invited', joinSecret: record };
    }
    return this.config.accounts.signUp === 'invite' ? { kind: 'first-account' } : { kind: 'open' };
  }
}
