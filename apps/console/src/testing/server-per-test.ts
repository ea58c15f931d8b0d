import type http from 'node:http';
import { afterEach } from 'vitest';
import { startServer, type LocalServer } from './local-server';

/**
 * For a test file's top level: returns `serve(handler)`, which starts a local server and
 * resolves its URL; every server a test started is closed after it.
 */
export function serverPerTest(): (handler: http.RequestListener) => Promise<string> {
  const open: LocalServer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  return async (handler) => {
    const server = await startServer(handler);
    open.push(server);
    return server.url;
  };
}
