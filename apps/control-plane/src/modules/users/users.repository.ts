import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import { DATABASE } from '../../infra/database/database.tokens';
import { isUniqueViolation } from '../../infra/database/unique-violation';
import {
  type JoinSecretRecord,
  countJoinSecretUse,
} from '../organizations/join-secrets/join-secrets.repository';

export interface UserRecord {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly createdAt: Date;
}

/** A user with their password hash: only for checking a sign-in. */
export interface UserCredentials extends UserRecord {
  readonly passwordHash: string;
}

/** Who may create an account (see UsersService.registerUser). */
export type Admission =
  | { readonly kind: 'open' }
  /** Only while the installation has no account yet. */
  | { readonly kind: 'first-account' }
  /** With an invitation: its use is counted and the user joins its organization. */
  | { readonly kind: 'invited'; readonly joinSecret: JoinSecretRecord };

const OPEN_SIGN_UP: Admission = { kind: 'open' };

export type RegistrationRefusal = 'email_taken' | 'not_first' | 'invitation_unusable';

const PUBLIC_FIELDS = { id: true, email: true, displayName: true, createdAt: true } as const;

/** The only place that touches the users table. */
@Injectable()
export class UsersRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Creates the user as `admission` allows, in one transaction: the first account of an
   * installation is decided under a table lock (two racing sign-ups cannot both be first), and
   * an invitation's use is counted and its membership added with the user, or nothing is.
   */
  async create(
    user: { email: string; displayName: string; passwordHash: string },
    admission: Admission = OPEN_SIGN_UP,
    now = new Date(),
  ): Promise<UserRecord | RegistrationRefusal> {
    try {
      return await this.db.prisma.$transaction(async (tx) => {
        if (admission.kind === 'first-account') {
          await tx.$executeRaw`LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE`;
          if (await tx.user.findFirst({ select: { id: true } })) return 'not_first';
        }
        let memberships;
        if (admission.kind === 'invited') {
          const { id, organizationId, role } = admission.joinSecret;
          if (!(await countJoinSecretUse(tx, id, now))) return 'invitation_unusable';
          memberships = { create: { organizationId, role } };
        }
        return await tx.user.create({ data: { ...user, memberships }, select: PUBLIC_FIELDS });
      });
    } catch (error) {
      if (isUniqueViolation(error)) return 'email_taken';
      throw error;
    }
  }

  findById(id: string): Promise<UserRecord | null> {
    return this.db.prisma.user.findUnique({ where: { id }, select: PUBLIC_FIELDS });
  }

  findCredentialsByEmail(email: string): Promise<UserCredentials | null> {
    return this.db.prisma.user.findUnique({
      where: { email },
      select: { ...PUBLIC_FIELDS, passwordHash: true },
    });
  }

  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.prisma.user.update({ where: { id }, data: { passwordHash } });
  }
}
