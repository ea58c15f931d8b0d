import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { HttpReply } from '../../common/http/http';
import { SseStream } from './sse-stream';

/** Comment lines this often keep idle streams alive through proxies. */
export const HEARTBEAT_MS = 15_000;

/**
 * Opens SSE responses and ends them all at shutdown (an open stream would otherwise keep the
 * HTTP server from closing).
 */
@Injectable()
export class LiveStreams implements BeforeApplicationShutdown {
  private readonly open = new Set<SseStream>();

  start(reply: HttpReply, heartbeatMs = HEARTBEAT_MS): SseStream {
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
    const stream = new SseStream(res, heartbeatMs);
    this.open.add(stream);
    stream.onClose(() => this.open.delete(stream));
    stream.comment('connected');
    return stream;
  }

  get size(): number {
    return this.open.size;
  }

  beforeApplicationShutdown() {
    for (const stream of [...this.open]) stream.close();
  }
}
