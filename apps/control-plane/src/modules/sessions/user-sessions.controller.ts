import { Controller, Param, Req, Res } from '@nestjs/common';
import type { ActiveSession } from '@podium/protocol';
import { Context } from '../../common/auth/decorators';
import { type RequestContext, signedInUserOf } from '../../common/auth/request-context';
import type { HttpReply, HttpRequest } from '../../common/http/http';
import { Route } from '../../common/routes/route.decorator';
import { SessionCookies } from './session-cookies';
import { SessionsService } from './sessions.service';
import { USER_SESSION_ROUTES as ROUTES } from './user-sessions.routes';

/** Where the signed-in user is signed in, and signing any of those sessions out. */
@Controller()
export class UserSessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly cookies: SessionCookies,
  ) {}

  @Route(ROUTES.listUserSessions)
  listUserSessions(@Context() ctx: RequestContext): Promise<ActiveSession[]> {
    const { userId, sessionId } = signedInUserOf(ctx);
    return this.sessions.listOfUser(userId, sessionId);
  }

  @Route(ROUTES.endUserSession)
  async endUserSession(
    @Context() ctx: RequestContext,
    @Param() { sessionId }: { sessionId: string },
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<void> {
    const caller = signedInUserOf(ctx);
    // A UUID in any case names the same row; the comparison and the event use the stored form.
    const id = sessionId.toLowerCase();
    await this.sessions.endOfUser(caller.userId, id);
    if (id === caller.sessionId) this.cookies.clear(res, req);
  }
}
