import { Body, Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  type CreateSessionRequest,
  CreateSessionRequestSchema,
  type SessionResponse,
} from '@podium/protocol';
import type { HttpReply, HttpRequest } from '../../common/http/http';
import { Public } from '../../common/auth/decorators';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { Client, type ClientInfo } from '../accounts/client-info';
import { SessionCookies, sessionCredentialsOf } from './session-cookies';
import { mapSessionResponse } from './sessions.dto';
import { SessionsService } from './sessions.service';

/** Sign-in, refresh and sign-out. Public: each checks the credentials it needs itself. */
@Public()
@Controller('v2/sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly cookies: SessionCookies,
  ) {}

  /** Signs in; sets the access, refresh and CSRF cookies. Rate-limited. */
  @Post()
  async signIn(
    @Body(new ZodValidationPipe(CreateSessionRequestSchema)) body: CreateSessionRequest,
    @Client() client: ClientInfo,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<SessionResponse> {
    const issued = await this.sessions.signIn(body, client);
    this.cookies.write(res, req, issued);
    return mapSessionResponse(issued);
  }

  /** New access token and rotated refresh token, from the refresh cookie (+ CSRF header). */
  @Post('refresh')
  @HttpCode(200)
  async refresh(
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<SessionResponse> {
    const issued = await this.sessions.refresh(sessionCredentialsOf(req));
    this.cookies.write(res, req, issued);
    return mapSessionResponse(issued);
  }

  /** Ends the session server-side (its access token stops working at once) and clears cookies. */
  @Delete('current')
  @HttpCode(204)
  async signOut(
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<void> {
    await this.sessions.signOut(sessionCredentialsOf(req));
    this.cookies.clear(res, req);
  }
}
