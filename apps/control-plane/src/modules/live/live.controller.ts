import { Controller, Get, Res } from '@nestjs/common';
import type { HttpReply } from '../../common/http/http';
import { Context, RequireAccess } from '../../common/auth/decorators';
import type { RequestContext } from '../../common/auth/request-context';
import { operatorOf } from '../../common/auth/app-scope';
import { LiveStreams } from './live-streams';
import { LiveService } from './live.service';

/** Server-sent events of an application (route table: live.routes.ts). */
@Controller('v2/orgs/:org/apps/:app')
export class LiveController {
  constructor(
    private readonly live: LiveService,
    private readonly streams: LiveStreams,
  ) {}

  @Get('events')
  @RequireAccess('read')
  async events(@Context() ctx: RequestContext, @Res() res: HttpReply): Promise<void> {
    const holder = operatorOf(ctx);
    // Open the session before the 200: a failure here is still an ordinary problem response.
    const session = await this.live.open(holder);
    try {
      const stream = this.streams.start(res, holder);
      stream.onClose(() => session.close());
      session.pipe((event) => stream.send(event.type, event));
    } catch (error) {
      session.close();
      throw error;
    }
  }
}
