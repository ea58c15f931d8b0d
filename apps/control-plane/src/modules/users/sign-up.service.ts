import { Inject, Injectable } from '@nestjs/common';
import { AppError, type RegisterUserRequest, type User } from '@podium/protocol';
import { CONFIG, type Config } from '../../config/config';
import { Transactions } from '../../infra/database/transactions';
import { AuthAttemptLimiter } from '../accounts/auth-attempt-limiter';
import type { ClientInfo } from '../accounts/client-info';
import { DomainClaimsService } from '../organizations/domain-claims/domain-claims.service';
import {
  type JoinSecretRecord,
  JoinSecretsService,
} from '../organizations/join-secrets/join-secrets.service';
import { PasswordHasher } from './password-hasher';
import { mapUser } from './users.dto';
import { type Admission, UsersRepository } from './users.repository';

const INVITATION_REQUIRED =
  'Sign-up on this installation is by invitation: enter the join secret an administrator gave you.';
const INVITATION_UNUSABLE =
  'This invitation (join secret) is unknown, expired, revoked or used up; ask for a new one.';

/** Creating accounts (`POST /v2/users`): open, or by invitation (`PODIUM_SIGNUP`). */
@Injectable()
export class SignUpService {
  constructor(
    private readonly users: UsersRepository,
    private readonly joinSecrets: JoinSecretsService,
    private readonly domainClaims: DomainClaimsService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: AuthAttemptLimiter,
    private readonly transactions: Transactions,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /**
   * Creates the account (no session: sign in next), and with a join secret the membership it
   * grants, and with an email at a claimed domain that organization's membership: the user, the
   * secret's counted use, the memberships and their audit entries commit together, or none does. A taken email costs the same password hashing and insert attempt
   * as a new one, so timing does not tell them apart.
   */
  async registerUser(
    input: RegisterUserRequest,
    client: ClientInfo,
    now = new Date(),
  ): Promise<User> {
    await this.limiter.beginSignUp(client.ip);
    const invitation = input.secret ? await this.invitation(input.secret, now) : null;
    const passwordHash = await this.hasher.hash(input.password);
    const user = await this.transactions.run(async () => {
      const created = await this.users.create(
        {
          email: input.email,
          displayName: input.displayName,
          passwordHash,
          name: input.name,
          givenName: input.givenName,
          familyName: input.familyName,
          company: input.company,
        },
        invitation ? { kind: 'open' } : this.admission(),
      );
      if (created === 'email_taken') {
        throw new AppError(
          'CONFLICT',
          'An account with this email already exists; sign in instead.',
        );
      }
      if (created === 'name_taken') {
        throw new AppError('CONFLICT', `The user name "${input.name}" is taken.`);
      }
      if (created === 'not_first') throw new AppError('FORBIDDEN', INVITATION_REQUIRED);
      if (invitation && !(await this.joinSecrets.admitAtSignUp(invitation, created.id, now))) {
        throw new AppError('FORBIDDEN', INVITATION_UNUSABLE);
      }
      await this.domainClaims.admitAtSignUp(created.id, input.email, invitation?.organizationId);
      return created;
    });
    return mapUser(user);
  }

  /** The invitation `secret` names; it must be usable (redeeming re-checks it atomically). */
  private async invitation(secret: string, now: Date): Promise<JoinSecretRecord> {
    const record = await this.joinSecrets.findOneUsableBySecret(secret, now);
    if (!record) throw new AppError('FORBIDDEN', INVITATION_UNUSABLE);
    return record;
  }

  /** Without an invitation: what the installation's sign-up mode allows. */
  private admission(): Admission {
    return this.config.accounts.signUp === 'invite' ? { kind: 'first-account' } : { kind: 'open' };
  }
}
