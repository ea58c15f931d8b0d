import { describe, expect, it } from 'vitest';
import { describeFailure, probeDependency } from './dependency-probe';

describe('probeDependency', () => {
  it('answers up with the latency when the ping resolves', async () => {
    const result = await probeDependency(() => Promise.resolve('PONG'), 1_000);
    expect(result.failure).toBeUndefined();
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('says publicly only that the ping failed, and keeps the driver message for the log', async () => {
    const refused = new Error(
      "\nInvalid `prisma.$queryRaw()` invocation:\n\n\nCan't reach database server at 10.0.0.7:5432 (postgresql://podium:s3cret@10.0.0.7/app)",
    );
    const { failure } = await probeDependency(() => Promise.reject(refused), 1_000);
    expect(failure?.reason).toBe('did not answer the ping');
    expect(failure?.detail).toBe(
      "Invalid `prisma.$queryRaw()` invocation: Can't reach database server at 10.0.0.7:5432 ([connection string]",
    );
  });

  it('times a ping out', async () => {
    const { failure } = await probeDependency(() => new Promise(() => {}), 5);
    expect(failure).toEqual({ reason: 'no answer within 5 ms', detail: 'no answer within 5 ms' });
  });

  it('reports down when the ping answers but something else is wrong', async () => {
    const { failure } = await probeDependency(
      () => Promise.resolve('PONG'),
      1_000,
      () => 'the subscriber connection is down',
    );
    expect(failure?.reason).toBe('the subscriber connection is down');
  });
});

describe('describeFailure', () => {
  it('puts a message on one line and bounds it', () => {
    expect(describeFailure('a\n  b\n\nc')).toBe('a b c');
    expect(describeFailure(new Error('x'.repeat(2_000)))).toHaveLength(500);
    expect(describeFailure(new Error('\n\n'))).toBe('unknown error');
  });
});
