import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../config/config';
import { AccountsModule } from '../accounts/accounts.module';
import { UsersModule } from '../users/users.module';
import { AccessTokens } from './access-tokens';
import { CsrfTokens } from './csrf-tokens';
import { PasswordChangeService } from './password-change.service';
import { PasswordChangeController } from './password-change.controller';
import { SessionAuthenticator } from './session-authenticator';
import { SessionCookies } from './session-cookies';
import { SessionRetention } from './session-retention';
import { SESSION_KEYS, loadSessionKeys } from './session-keys';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { UserSessionsController } from './user-sessions.controller';

@Module({
  imports: [AccountsModule, UsersModule],
  controllers: [SessionsController, UserSessionsController, PasswordChangeController],
  providers: [
    {
      provide: SESSION_KEYS,
      inject: [CONFIG, LOGGER],
      useFactory: (config: Config, logger: Logger) => loadSessionKeys(config.sessions, logger),
    },
    AccessTokens,
    CsrfTokens,
    SessionCookies,
    SessionsRepository,
    SessionsService,
    PasswordChangeService,
    SessionAuthenticator,
    SessionRetention,
  ],
  exports: [SessionAuthenticator, SESSION_KEYS],
})
export class SessionsModule {}
