import { describe, expect, it } from 'vitest';
import { BoundedRunner } from './bounded-runner';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
const always = { wanted: () => true, dropped: () => undefined };

describe('BoundedRunner', () => {
  it('frees the slot of a task that throws, and starts the next one', async () => {
    const runner = new BoundedRunner({ concurrent: 1, waiting: 5 });
    const ran: string[] = [];
    const throwing = runner.run(() => {
      throw new Error('synchronous throw');
    }, always);
    const next = runner.run(() => {
      ran.push('next');
      return Promise.resolve();
    }, always);
    await Promise.all([throwing, next]);
    expect(ran).toEqual(['next']);
    expect(runner.load).toEqual({ running: 0, waiting: 0 });
  });

  it('drops a waiting task whose callbacks throw, without stalling the queue', async () => {
    const runner = new BoundedRunner({ concurrent: 1, waiting: 5 });
    let release!: () => void;
    const first = runner.run(() => new Promise<void>((resolve) => (release = resolve)), always);
    const ran: string[] = [];
    const broken = runner.run(() => Promise.resolve(ran.push('broken')).then(() => undefined), {
      wanted: () => {
        throw new Error('wanted throws');
      },
      dropped: () => {
        throw new Error('dropped throws');
      },
    });
    const last = runner.run(() => Promise.resolve(ran.push('last')).then(() => undefined), always);
    release();
    await Promise.all([first, broken, last]);
    await flush();
    expect(ran).toEqual(['last']);
    expect(runner.load).toEqual({ running: 0, waiting: 0 });
  });
});
