import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { formatLogLine, prettyDestination } from './pretty-log';
import { REDACTED, REDACTED_LOG_PATHS } from './redact';

const plain = { colors: false };
const base = {
  time: '2026-12-03T16:18:07.123Z',
  pid: 42,
  hostname: 'h',
  service: 'podium-control-plane',
};
const line = (record: Record<string, unknown>) => JSON.stringify({ ...base, ...record });

describe('formatLogLine', () => {
  it('writes time, level and message, then the fields as key=value', () => {
    const record = {
      level: 30,
      url: 'http://127.0.0.1:8090',
      database: 'pglite',
      msg: 'control plane listening',
    };
    expect(formatLogLine(line(record), plain)).toBe(
      '16:18:07.123 info  control plane listening url=http://127.0.0.1:8090 database=pglite',
    );
  });

  it('shortens a request to method, URL, status and duration', () => {
    const record = {
      level: 30,
      requestId: 'f0e1',
      method: 'GET',
      url: '/v2/orgs',
      status: 200,
      durationMs: 3.1,
      msg: 'http request',
    };
    expect(formatLogLine(line(record), plain)).toBe('16:18:07.123 info  GET /v2/orgs 200 (3.1 ms)');
  });

  it("puts Nest's context first and quotes values with spaces, objects as JSON", () => {
    const record = {
      level: 40,
      context: 'ExecutorGateway',
      reason: 'no such app',
      counts: { refused: 2 },
      ok: false,
      msg: 'executor refused',
    };
    expect(formatLogLine(line(record), plain)).toBe(
      '16:18:07.123 warn  [ExecutorGateway] executor refused reason="no such app" counts={"refused":2} ok=false',
    );
  });

  it("indents an error's stack below the line", () => {
    const err = { type: 'Error', message: 'boom', stack: 'Error: boom\n    at run (a.ts:1:1)' };
    expect(formatLogLine(line({ level: 50, err, msg: 'request failed' }), plain)).toBe(
      [
        '16:18:07.123 error request failed err=boom',
        '    Error: boom',
        '        at run (a.ts:1:1)',
      ].join('\n'),
    );
  });

  it('colours the level and dims the time for a terminal', () => {
    expect(formatLogLine(line({ level: 50, msg: 'down' }), { colors: true })).toBe(
      '\u001b[2m16:18:07.123\u001b[0m \u001b[31merror\u001b[0m down',
    );
  });

  it('passes a line that is not a JSON record through unchanged', () => {
    expect(formatLogLine('not json\n', plain)).toBe('not json');
    expect(formatLogLine('12\n', plain)).toBe('12');
  });
});

describe('prettyDestination', () => {
  it('turns what pino writes, already redacted, into readable lines', () => {
    let written = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    const logger = pino(
      {
        base: undefined,
        timestamp: () => ',"time":"2026-12-03T16:18:07.123Z"',
        redact: { paths: REDACTED_LOG_PATHS, censor: REDACTED },
      },
      prettyDestination(out, plain),
    );
    logger.info({ headers: { authorization: 'Bearer pdm_secret' } }, 'hello');
    expect(written).toBe(`16:18:07.123 info  hello headers={"authorization":"${REDACTED}"}\n`);
  });
});
