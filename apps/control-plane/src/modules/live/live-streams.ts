import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Response } from 'express';
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

  start(res: Response, heartbeatMs = HEARTBEAT_MS): SseStream {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
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
