import { Inject, Injectable } from '@nestjs/common';
import { AppError, type ChangePasswordRequest } from '@podium/protocol';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { Transactions } from '../../infra/database/transactions';
import { AuthAttemptLimiter } from '../accounts/auth-attempt-limiter';
import type { ClientInfo } from '../accounts/client-info';
import { UsersService } from '../users/users.service';
import { SessionsService } from './sessions.service';

/** The signed-in user changing their password, from one of their sessions. */
export interface PasswordOwner {
  readonly userId: string;
  readonly sessionId: string;
}

/**
 * A password change: the current password is checked as a sign-in's is (same failure budget per
 * account and address, so a stolen session cannot guess it faster), then the new one is stored
 * and every other session of the user ends in the same transaction: whoever signed in with the
 * old password is signed out. The session asking stays.
 */
@Injectable()
export class PasswordChangeService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly limiter: AuthAttemptLimiter,
    private readonly transactions: Transactions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** How many other sessions ended. */
  async change(
    owner: PasswordOwner,
    input: ChangePasswordRequest,
    client: ClientInfo,
    now = new Date(),
  ): Promise<number> {
    const user = await this.users.findOneById(owner.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 'This account no longer exists.');
    await this.limiter.beginSignIn(client.ip, user.email);
    // The sign-in's own check (timing-safe, re-hashing an outdated hash).
    if (!(await this.users.findOneByCredentials(user.email, input.currentPassword))) {
      throw new AppError('FORBIDDEN', 'The current password is not right.');
    }
    await this.limiter.signInSucceeded(client.ip, user.email);
    const passwordHash = await this.users.hashPassword(input.newPassword);
    const ended = await this.transactions.run(async () => {
      await this.users.setPasswordHash(user.id, passwordHash);
      return this.sessions.endOthersOfUser(user.id, owner.sessionId, now);
    });
    this.logger.info({ userId: user.id, endedSessions: ended }, 'password changed');
    return ended;
  }
}
