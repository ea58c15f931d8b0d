import { Module } from '@nestjs/common';
import { AuthAttemptLimiter } from './auth-attempt-limiter';

/** Account protection shared by sign-up and sign-in. */
@Module({
  providers: [{ provide: AuthAttemptLimiter, useFactory: () => new AuthAttemptLimiter() }],
  exports: [AuthAttemptLimiter],
})
export class AccountsModule {}
