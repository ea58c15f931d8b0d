import { Body, Controller, Req, Res } from '@nestjs/common';
import type { CreateSessionRequest, SessionResponse } from '@podium/protocol';
import type { HttpReply, HttpRequest } from '../../common/http/http';
import { Route } from '../../common/routes/route.decorator';
import { Client, type ClientInfo } from '../accounts/client-info';
import { SessionCookies, sessionCredentialsOf } from './session-cookies';
import { mapSessionResponse } from './sessions.dto';
import { SessionsService } from './sessions.service';
import { SESSION_ROUTES as ROUTES } from './sessions.routes';

/** Sign-in, refresh and sign-out. Public: each checks the credentials it needs itself. */
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly cookies: SessionCookies,
  ) {}

  /** Signs in; sets the access, refresh and CSRF cookies. Rate-limited. */
  @Route(ROUTES.signIn)
  async signIn(
    @Body() body: CreateSessionRequest,
    @Client() client: ClientInfo,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<SessionResponse> {
    const issued = await this.sessions.signIn(body, client);
    this.cookies.write(res, req, issued);
    return mapSessionResponse(issued);
  }

  /** New access token and rotated refresh token, from the refresh cookie (+ CSRF header). */
  @Route(ROUTES.refreshSession)
  async refresh(
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<SessionResponse> {
    const issued = await this.sessions.refresh(sessionCredentialsOf(req));
    this.cookies.write(res, req, issued);
    return mapSessionResponse(issued);
  }

  /** Ends the session server-side (its access token stops working at once) and clears cookies. */
  @Route(ROUTES.signOut)
  async signOut(
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<void> {
    await this.sessions.signOut(sessionCredentialsOf(req));
    this.cookies.clear(res, req);
  }
}
