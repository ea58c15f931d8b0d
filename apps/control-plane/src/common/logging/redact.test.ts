import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACTED, REDACTED_LOG_PATHS, redactUrl } from './redact';

describe('redactUrl', () => {
  it('removes the API key from executor connect URLs, whatever the base path', () => {
    expect(redactUrl('/conductor/v1alpha1/websocket/billing/pk_live_abc123')).toBe(
      `/conductor/v1alpha1/websocket/billing/${REDACTED}`,
    );
    expect(redactUrl('/websocket/app/secret?x=1')).toBe(`/websocket/app/${REDACTED}?x=1`);
  });

  it('leaves other URLs alone', () => {
    expect(redactUrl('/v2/orgs/acme/apps/billing/workflows?limit=10')).toBe(
      '/v2/orgs/acme/apps/billing/workflows?limit=10',
    );
  });
});

describe('log redaction', () => {
  it('blanks credentials in logged objects', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_LOG_PATHS, censor: REDACTED } }, sink);
    logger.info(
      {
        headers: { authorization: 'Bearer pk_secret', cookie: 's=1' },
        user: { password: 'hunter2' },
      },
      'x',
    );
    const line = lines.join('');
    expect(line).not.toMatch(/pk_secret|s=1|hunter2/);
    expect(line).toContain(REDACTED);
  });
});
