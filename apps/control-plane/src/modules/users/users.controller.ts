import { Body, Controller } from '@nestjs/common';
import type { CurrentUserResponse, RegisterUserRequest, User } from '@podium/protocol';
import { Context } from '../../common/auth/decorators';
import { type RequestContext, signedInUserOf } from '../../common/auth/request-context';
import { Route } from '../../common/routes/route.decorator';
import { Client, type ClientInfo } from '../accounts/client-info';
import { SignUpService } from './sign-up.service';
import { UsersService } from './users.service';
import { USER_ROUTES as ROUTES } from './users.routes';

@Controller()
export class UsersController {
  constructor(
    private readonly signUp: SignUpService,
    private readonly users: UsersService,
  ) {}

  /** Sign-up. Rate-limited per client address. */
  @Route(ROUTES.registerUser)
  registerUser(@Body() body: RegisterUserRequest, @Client() client: ClientInfo): Promise<User> {
    return this.signUp.registerUser(body, client);
  }

  /** The signed-in user and their organizations with roles. */
  @Route(ROUTES.getCurrentUser)
  getCurrentUser(@Context() ctx: RequestContext): Promise<CurrentUserResponse> {
    return this.users.getCurrentUser(signedInUserOf(ctx).userId);
  }
}
