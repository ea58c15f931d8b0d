import { Injectable } from '@nestjs/common';
import { AppError, type CurrentUserResponse } from '@podium/protocol';
import { OrganizationsService } from '../organizations/organizations.service';
import { PasswordHasher } from './password-hasher';
import { mapCurrentUser } from './users.dto';
import { UsersRepository, type UserRecord } from './users.repository';

export type { UserRecord } from './users.repository';

/** Accounts as the rest of the control plane sees them (sessions sign in through this). */
@Injectable()
export class UsersService {
  /** Compared against when the email is unknown, so timing does not reveal accounts. */
  private decoyHash: Promise<string> | undefined;

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly organizations: OrganizationsService,
  ) {}

  /** Null when there is no such user (any more). */
  findOneById(id: string): Promise<UserRecord | null> {
    return this.users.findOneById(id);
  }

  /**
   * The user these credentials belong to; null when the email or the password is wrong. An
   * unknown email costs the same password check as a known one, and a password hashed with
   * weaker parameters than today's is hashed again.
   */
  async findOneByCredentials(email: string, password: string): Promise<UserRecord | null> {
    const user = await this.users.findOneCredentialsByEmail(email);
    const valid = await this.hasher.verify(password, user?.passwordHash ?? (await this.decoy()));
    if (!user || !valid) return null;
    const { passwordHash, ...profile } = user;
    if (this.hasher.needsRehash(passwordHash)) {
      // Only over the hash just checked: a password changed meanwhile is not undone.
      await this.users.replacePasswordHash(user.id, passwordHash, await this.hasher.hash(password));
    }
    return profile;
  }

  /**
   * Hashes a new password; store it with `setPasswordHash`. Apart, so that the (deliberately
   * slow) hashing never holds a database transaction open.
   */
  hashPassword(password: string): Promise<string> {
    return this.hasher.hash(password);
  }

  setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    return this.users.updatePasswordHash(userId, passwordHash);
  }

  async getCurrentUser(userId: string): Promise<CurrentUserResponse> {
    const user = await this.users.findOneById(userId);
    // The session outlived its user (deleted meanwhile): treat it as signed out.
    if (!user) throw new AppError('UNAUTHENTICATED', 'This account no longer exists.');
    return mapCurrentUser(user, await this.organizations.findMembershipsOfUser(userId));
  }

  private decoy(): Promise<string> {
    return (this.decoyHash ??= this.hasher.hash('decoy password that matches nothing'));
  }
}
