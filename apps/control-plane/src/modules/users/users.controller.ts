import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  type CurrentUserResponse,
  type RegisterUserRequest,
  RegisterUserRequestSchema,
  type User,
} from '@podium/protocol';
import { Context, Public } from '../../common/auth/decorators';
import { type RequestContext, signedInUserOf } from '../../common/auth/request-context';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { Client, type ClientInfo } from '../accounts/client-info';
import { UsersService } from './users.service';

@Controller('v2/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Sign-up. Rate-limited per client address. */
  @Public()
  @Post()
  registerUser(
    @Body(new ZodValidationPipe(RegisterUserRequestSchema)) body: RegisterUserRequest,
    @Client() client: ClientInfo,
  ): Promise<User> {
    return this.users.registerUser(body, client);
  }

  /** The signed-in user and their organizations with roles. */
  @Get('me')
  getCurrentUser(@Context() ctx: RequestContext): Promise<CurrentUserResponse> {
    return this.users.getCurrentUser(signedInUserOf(ctx).userId);
  }
}
