import http from 'node:http';
import https from 'node:https';
import { privateTargetReason, publicOnlyLookup } from './webhook-targets';

export interface WebhookPost {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
  /** PODIUM_ALERT_WEBHOOK_ALLOW_PRIVATE: private, loopback and link-local targets too. */
  readonly allowPrivate: boolean;
}

/** A failed POST, with what the delivery log says of it. */
export class WebhookPostError extends Error {
  /** A refused target: no later attempt can succeed, so none is made. */
  readonly refused: boolean;

  constructor(message: string, { refused = false }: { refused?: boolean } = {}) {
    super(message);
    this.refused = refused;
  }
}

/**
 * POSTs one webhook and resolves with the answer's status (its body is discarded). Redirects are
 * not followed; the whole exchange is cut after `timeoutMs`. Unless `allowPrivate`, a target on a
 * private address is refused, whether named by address or resolving to one.
 */
export function postWebhook(post: WebhookPost): Promise<number> {
  const url = new URL(post.url);
  const refused = post.allowPrivate ? null : privateTargetReason(url);
  if (refused) {
    return Promise.reject(new WebhookPostError(`refused: ${refused}`, { refused: true }));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: 'POST',
      headers: { ...post.headers, 'content-length': Buffer.byteLength(post.body) },
      ...(!post.allowPrivate && { lookup: publicOnlyLookup }),
      signal: AbortSignal.timeout(post.timeoutMs),
    });
    request.on('response', (response) => {
      resolve(response.statusCode ?? 0);
      response.destroy(); // the body is not read: the status is the answer
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const refusedName = error.code === 'PRIVATE_ADDRESS';
      reject(new WebhookPostError(describe(error), { refused: refusedName }));
    });
    request.end(post.body);
  });
}

function describe(error: NodeJS.ErrnoException): string {
  if (error.name === 'AbortError') return 'timed out';
  if (error.code === 'PRIVATE_ADDRESS') return `refused: ${error.message}`;
  return error.code ?? error.message;
}
