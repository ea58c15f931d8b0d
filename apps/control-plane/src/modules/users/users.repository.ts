import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import { DATABASE } from '../../infra/database/database.tokens';
import { isUniqueViolation } from '../../infra/database/unique-violation';

export interface UserRecord {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  /** DBOS Conductor's user name and profile, as given at sign-up. */
  readonly name: string | null;
  readonly givenName: string;
  readonly familyName: string;
  readonly company: string;
  readonly createdAt: Date;
}

/** What sign-up stores. */
export interface NewUser {
  readonly email: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly name?: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly company?: string;
}

/** A user with their password hash: only for checking a sign-in. */
export interface UserCredentials extends UserRecord {
  readonly passwordHash: string;
}

/** Who may create an account (see SignUpService). */
export type Admission =
  | { readonly kind: 'open' }
  /** Only while the installation has no account yet. */
  | { readonly kind: 'first-account' };

const OPEN_SIGN_UP: Admission = { kind: 'open' };

export type RegistrationRefusal = 'email_taken' | 'name_taken' | 'not_first';

const PUBLIC_FIELDS = {
  id: true,
  email: true,
  displayName: true,
  name: true,
  givenName: true,
  familyName: true,
  company: true,
  createdAt: true,
} as const;

/** The only place that touches the users table. */
@Injectable()
export class UsersRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Creates the user as `admission` allows, in one transaction (the caller's, if any): the first
   * account of an installation is decided under a table lock (two racing sign-ups cannot both
   * be first).
   */
  async create(
    user: NewUser,
    admission: Admission = OPEN_SIGN_UP,
  ): Promise<UserRecord | RegistrationRefusal> {
    try {
      return await this.db.prisma.$transaction(async (tx) => {
        if (admission.kind === 'first-account') {
          await tx.$executeRaw`LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE`;
          if (await tx.user.findFirst({ select: { id: true } })) return 'not_first';
        }
        // Checked first: a failed insert aborts the surrounding transaction, so which unique
        // column refused it could not be asked afterwards.
        if (user.name && (await tx.user.findUnique({ where: { name: user.name } }))) {
          return 'name_taken';
        }
        return await tx.user.create({ data: user, select: PUBLIC_FIELDS });
      });
    } catch (error) {
      if (isUniqueViolation(error)) return isOnUserName(error) ? 'name_taken' : 'email_taken';
      throw error;
    }
  }

  findOneById(id: string): Promise<UserRecord | null> {
    return this.db.prisma.user.findUnique({ where: { id }, select: PUBLIC_FIELDS });
  }

  findOneCredentialsByEmail(email: string): Promise<UserCredentials | null> {
    return this.db.prisma.user.findUnique({
      where: { email },
      select: { ...PUBLIC_FIELDS, passwordHash: true },
    });
  }

  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.prisma.user.update({ where: { id }, data: { passwordHash } });
  }

  /** Sets `toHash` only while the stored hash is still `fromHash`. */
  async replacePasswordHash(id: string, fromHash: string, toHash: string): Promise<void> {
    await this.db.prisma.user.updateMany({
      where: { id, passwordHash: fromHash },
      data: { passwordHash: toHash },
    });
  }
}

/** Whether a unique violation was the user name's (a sign-up racing another for it). */
function isOnUserName(error: unknown): boolean {
  const meta = (error as { meta?: unknown }).meta;
  return /users_name_key|"name"/.test(JSON.stringify(meta ?? {}));
}
