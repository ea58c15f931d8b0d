import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { AppError } from '@podium/protocol';
import type { Operator } from '../../common/auth/app-scope';
import type { Principal } from '../../common/auth/principal';
import type { HttpReply } from '../../common/http/http';
import { CONFIG, type Config } from '../../config/config';
import { PodiumMetrics } from '../../infra/metrics/podium-metrics';
import { SseStream } from './sse-stream';
import { type StreamSlot, StreamSlots } from './stream-slots';

/** Comment lines this often keep idle streams alive through proxies. */
export const HEARTBEAT_MS = 15_000;

/** The caller a stream's limits and revocations are counted by. */
function callerOf(principal: Principal): string {
  return principal.kind === 'user' ? `user:${principal.userId}` : `api-key:${principal.apiKey.id}`;
}

/**
 * The open SSE responses, each with who opened it for which application, so a stream can be
 * ended when that caller's access ends (LiveAccessWatch), and one caller cannot hold more than
 * `live.maxStreamsPerCaller` at once (on all replicas together: StreamSlots). All are ended at
 * shutdown (an open stream would otherwise keep the HTTP server from closing).
 */
@Injectable()
export class LiveStreams implements BeforeApplicationShutdown {
  private readonly open = new Map<SseStream, Operator>();

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly metrics: PodiumMetrics,
    private readonly slots: StreamSlots,
  ) {
    metrics.observeLiveStreams(() => this.open.size);
  }

  /**
   * One of the caller's stream slots, or RATE_LIMITED past the cap: taken before anything else
   * is done for the stream, so a refused caller costs nothing more. Given back by the stream
   * it goes to (start), or by the caller if none does.
   */
  async reserve(holder: Operator): Promise<StreamSlot> {
    const { maxStreamsPerCaller } = this.config.live;
    const claim = await this.slots.take(callerOf(holder.principal), maxStreamsPerCaller);
    if ('slot' in claim) return claim.slot;
    this.metrics.recordRefusal('live_streams_per_caller');
    throw new AppError(
      'RATE_LIMITED',
      `This caller already holds ${claim.held} live streams (at most ${maxStreamsPerCaller}); close one first.`,
      { retryAfterSeconds: 5 },
    );
  }

  /** Opens the stream in `slot` (reserve), which it gives back when it ends, or fails to open. */
  start(
    reply: HttpReply,
    holder: Operator,
    slot: StreamSlot,
    heartbeatMs = HEARTBEAT_MS,
  ): SseStream {
    let stream: SseStream;
    try {
      // The stream writes to the raw response for as long as it lives: Fastify must let go.
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.flushHeaders();
      stream = new SseStream(res, heartbeatMs);
    } catch (error) {
      slot.release();
      throw error;
    }
    this.open.set(stream, holder);
    stream.onClose(() => {
      this.open.delete(stream);
      slot.release();
    });
    stream.comment('connected');
    return stream;
  }

  /** Ends every stream whose holder matches; returns how many. */
  closeWhere(matches: (holder: Operator) => boolean): number {
    let closed = 0;
    for (const [stream, holder] of [...this.open]) {
      if (matches(holder)) {
        stream.close();
        closed += 1;
      }
    }
    return closed;
  }

  /** Who holds the open streams (one entry per stream). */
  holders(): Operator[] {
    return [...this.open.values()];
  }

  get size(): number {
    return this.open.size;
  }

  beforeApplicationShutdown() {
    for (const stream of [...this.open.keys()]) stream.close();
  }
}
