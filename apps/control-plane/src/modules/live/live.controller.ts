import { Controller, Res } from '@nestjs/common';
import type { HttpReply } from '../../common/http/http';
import { Context } from '../../common/auth/decorators';
import type { RequestContext } from '../../common/auth/request-context';
import { operatorOf } from '../../common/auth/app-scope';
import { Route } from '../../common/routes/route.decorator';
import { LiveStreams } from './live-streams';
import { LiveService } from './live.service';
import { LIVE_ROUTES as ROUTES } from './live.routes';

/** Server-sent events of an application. */
@Controller()
export class LiveController {
  constructor(
    private readonly live: LiveService,
    private readonly streams: LiveStreams,
  ) {}

  @Route(ROUTES.streamApplicationEvents)
  async events(@Context() ctx: RequestContext, @Res() res: HttpReply): Promise<void> {
    const holder = operatorOf(ctx);
    const slot = await this.streams.reserve(holder);
    // Open the session before the 200: a failure here is still an ordinary problem response.
    const session = await this.live.open(holder).catch((error: unknown) => {
      slot.release();
      throw error;
    });
    try {
      const stream = this.streams.start(res, holder, slot);
      stream.onClose(() => session.close());
      session.pipe((event) => stream.send(event.type, event));
    } catch (error) {
      session.close();
      throw error;
    }
  }
}
