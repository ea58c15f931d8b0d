import { Body, Controller } from '@nestjs/common';
import type { ChangePasswordRequest } from '@podium/protocol';
import { Context } from '../../common/auth/decorators';
import { type RequestContext, signedInUserOf } from '../../common/auth/request-context';
import { Route } from '../../common/routes/route.decorator';
import { Client, type ClientInfo } from '../accounts/client-info';
import { PasswordChangeService } from './password-change.service';
import { PASSWORD_CHANGE_ROUTES as ROUTES } from './password-change.routes';

@Controller()
export class PasswordChangeController {
  constructor(private readonly passwords: PasswordChangeService) {}

  /** Sets a new password; the user's other sessions end. */
  @Route(ROUTES.changePassword)
  async changePassword(
    @Context() ctx: RequestContext,
    @Body() body: ChangePasswordRequest,
    @Client() client: ClientInfo,
  ): Promise<void> {
    await this.passwords.change(signedInUserOf(ctx), body, client);
  }
}
