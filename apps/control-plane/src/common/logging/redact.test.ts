import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACTED, REDACTED_LOG_PATHS, urlRedactor } from './redact';

describe('urlRedactor', () => {
  const redactUrl = urlRedactor('/conductor/v1alpha1');
  const key = 'pdm_live_abc123';

  it('removes the API key from executor connect URLs, under the base path and at the root', () => {
    expect(redactUrl(`/conductor/v1alpha1/websocket/billing/${key}`)).toBe(
      `/conductor/v1alpha1/websocket/${REDACTED}`,
    );
    expect(redactUrl(`/websocket/billing/${key}?x=1`)).toBe(`/websocket/${REDACTED}`);
  });

  it.each([
    `/conductor/v1alpha1/websocket//app/${key}`,
    `/conductor/v1alpha1/websocket/app//${key}`,
    `/conductor/v1alpha1/WEBSOCKET/app/${key}`,
    `/conductor/v1alpha1/websocket%2Fapp%2F${key}`,
    `/conductor/v1alpha1/websocket/${key}`,
    `/conductor/v1alpha1/${key}`,
    `/conductor/v1alpha1?key=${key}`,
    `/CONDUCTOR/V1ALPHA1/app/${key}`,
    `//conductor//v1alpha1/websocket/app/${key}`,
    `/conductor%2Fv1alpha1%2Fwebsocket%2Fapp%2F${key}`,
    `/conductor%252Fv1alpha1/app/${key}`,
    `/web%73ocket/app/${key}`,
    `/WebSocket/app/${key}`,
    `/websocket?app=a&key=${key}`,
    `/other/websocket/app/${key}`,
    `http://host:8090/conductor/v1alpha1/websocket/app/${key}`,
    `\\websocket\\app\\${key}`,
  ])('redacts the near miss %s', (url) => {
    const redacted = redactUrl(url);
    expect(redacted).not.toContain(key);
    expect(redacted).toContain(REDACTED);
  });

  it('keeps only a literal prefix that cannot hold a key', () => {
    expect(redactUrl(`/conductor/v1alpha1/websocket//app/${key}`)).toBe(
      `/conductor/v1alpha1/websocket/${REDACTED}`,
    );
    expect(redactUrl(`/conductor/v1alpha1/WEBSOCKET/app/${key}`)).toBe(
      `/conductor/v1alpha1/${REDACTED}`,
    );
    expect(redactUrl(`/WEBSOCKET/app/${key}`)).toBe(`/${REDACTED}`);
  });

  it('follows the configured base path, and still covers /websocket when there is none', () => {
    expect(urlRedactor('/edge/v9')(`/edge/v9/anything/${key}`)).toBe(`/edge/v9/${REDACTED}`);
    expect(urlRedactor('')(`/websocket/app/${key}`)).toBe(`/websocket/${REDACTED}`);
    expect(urlRedactor('')('/v2/orgs')).toBe('/v2/orgs');
  });

  it('leaves other URLs alone', () => {
    expect(redactUrl('/v2/orgs/acme/apps/billing/workflows?limit=10')).toBe(
      '/v2/orgs/acme/apps/billing/workflows?limit=10',
    );
    expect(redactUrl('/v2/orgs/%E0%A4%A')).toBe('/v2/orgs/%E0%A4%A');
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
