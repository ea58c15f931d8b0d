import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import { DATABASE } from '../../infra/database/database.tokens';
import { isUniqueViolation } from '../../infra/database/unique-violation';

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

const PUBLIC_FIELDS = { id: true, email: true, displayName: true, createdAt: true } as const;

/** The only place that touches the users table. */
@Injectable()
export class UsersRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Null when the email is taken. */
  async create(user: {
    email: string;
    displayName: string;
    passwordHash: string;
  }): Promise<UserRecord | null> {
    try {
      return await this.db.prisma.user.create({ data: user, select: PUBLIC_FIELDS });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
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
